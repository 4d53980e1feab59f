// The TypeScript types of ai-factory-graph's custom scalars, for graphql-codegen's `scalars`
// option (without it they come out as `unknown`). Every value is what the server sends and
// accepts: `Money` is a decimal string ("3000000000.00"), never a number; `SafeInt` is an integer
// within ±2^53; `Date` is "YYYY-MM-DD"; `DateTime` is ISO 8601 in UTC; `Currency` is an ISO 4217
// code. `_Any` is federation's entity representation, used only by gateways (`_entities`).
export const scalars = {
  Currency: 'string',
  Date: 'string',
  DateTime: 'string',
  JSONObject: 'Record<string, unknown>',
  Money: 'string',
  SafeInt: 'number',
  _Any: 'unknown',
} as const;
