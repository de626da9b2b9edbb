"use strict";
const crypto = require("node:crypto");
const path = require("path");
const { ForbiddenError } = require("@directus/errors");
const helper = require("./helper");
const optional = require("./optional");

module.exports = function registerEndpoint(router) {
	router.get("/", (req, res) => res.send(helper.greet("world") + path.sep + typeof crypto + typeof ForbiddenError + String(optional)));
};
