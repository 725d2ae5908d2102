// exp, log, log10, pow and cbrt from IEEE arithmetic alone (assembly/math.ts, written once): the kernel
// module's own functions, here from its JavaScript target, so that the host's TDB expressions and
// strength model use the same bits in Node, in any browser and in the kernel. Why: Math.exp and Math.log
// are implementation-defined (Node 20 and Chromium disagree in the last bit) and the KWN time stepping
// amplifies a last-bit difference into visibly different curves.
import { createJsModule } from './module/instance.js';

const math = createJsModule();

export const exp: (x: number) => number = math.exp;
export const log: (x: number) => number = math.log;
export const log10: (x: number) => number = math.log10;
export const pow: (x: number, y: number) => number = math.pow;
export const cbrt: (x: number) => number = math.cbrt;
