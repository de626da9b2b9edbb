#!/usr/bin/env node
module.exports = () => "MARK:hashbang";
