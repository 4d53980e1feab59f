// A partner's share of the GPUs in the programmes it takes part in; the SQL is in
// src/read/partner-gpu-shares.ts.
import { partnerGpuSharesOf } from '../../read/partner-gpu-shares.js';
import { perRequestLoader } from './per-request-loader.js';

/** Per partner, one statement for every partner asked about in a request. */
export const partnerGpuShares = perRequestLoader<number, number | null>(partnerGpuSharesOf);
