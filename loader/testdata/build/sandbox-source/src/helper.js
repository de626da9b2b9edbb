import { createHash } from "node:crypto";

export const helper = typeof createHash;
