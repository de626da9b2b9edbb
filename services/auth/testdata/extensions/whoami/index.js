export default {
  id: 'whoami',
  handler: (router) => {
    router.get('/', (req, res) => res.json(req.accountability));
  },
};
