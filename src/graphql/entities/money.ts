import { fromMinorUnits } from '../../domain/money.js';
import { builder } from '../builder.js';

export interface MonetaryAmountShape {
  /** Integer minor units (cents, won). */
  minor: number | bigint;
  currency: string;
}

export const MonetaryAmount = builder.objectRef<MonetaryAmountShape>('MonetaryAmount').implement({
  description: 'An exact amount of money in one currency.',
  fields: (t) => ({
    amount: t.field({
      type: 'Money',
      description: 'The amount in major units with the currency\'s ISO 4217 decimals, e.g. "3000000000.00" for USD.',
      resolve: ({ minor, currency }) => fromMinorUnits(minor, currency),
    }),
    currency: t.field({ type: 'Currency', description: 'ISO 4217 code.', resolve: ({ currency }) => currency }),
  }),
});
