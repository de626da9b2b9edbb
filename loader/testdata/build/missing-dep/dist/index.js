import fs from "node:fs";

import leftPad from "left-pad-not-installed";

export default () => leftPad(fs);
