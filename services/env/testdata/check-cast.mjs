// Prints how @directus/env 6.3.0 (Directus 12.4.1) casts R1..R11; run from an empty dir with the
// variables of TestCastRules set (see env_test.go). Needs `npm i @directus/env@6.3.0` next to it.
import { useEnv } from '@directus/env';
const e = useEnv();
for (const k of ['R1','R2','R3','R4','R5','R6','R7','R8','R9','R10','R11']) console.log(k, JSON.stringify(process.env[k]), '→', e[k] instanceof RegExp ? 'RegExp '+e[k] : (typeof e[k]==='number' && isNaN(e[k]) ? 'NaN' : JSON.stringify(e[k])));
console.log(String(1.5e-7), String(1e-6));
