import axios from 'axios';

// Directus's "authenticated API proxy" guide: the Twilio credentials stay on the server, clients call
// /twilio/<Twilio API path> with their Directus session and get Twilio's answer back.
// TWILIO_API_URL is dxhost's addition so the example can be pointed at a test double.
export default {
	id: 'twilio',
	handler: (router, { env }) => {
		const twilio = axios.create({
			baseURL: env.TWILIO_API_URL || 'https://api.twilio.com',
			auth: { username: String(env.TWILIO_ACCOUNT_SID), password: String(env.TWILIO_AUTH_TOKEN) },
		});

		// Relay the upstream status and body; an upstream error answer is relayed too, anything else
		// (no answer at all) goes to Directus's error handler.
		const relay = (res, next) => (request) =>
			request
				.then((answer) => res.status(answer.status).send(answer.data))
				.catch((error) => (error.response ? res.status(error.response.status).send(error.response.data) : next(error)));

		router.get('/*', (req, res, next) => relay(res, next)(twilio.get(req.url)));
		router.post('/*', (req, res, next) => relay(res, next)(twilio.post(req.url, req.body)));
	},
};
