import { createTable, type Migration } from './ddl.ts';

const LC = 'LowCardinality(String)';

export const survivalCounts: Migration = {
  version: 7,
  name: 'survival counts: subscribers by region, brand, contract, customer type, cohort month and tenure at the as-of',
  statements: (ctx) => [
    // Kaplan–Meier's input pre-counted at the data's as-of (seeds/survival-counts.ts builds
    // it; server/domains/lifecycle/survival.ts reads it when it covers a query). One
    // partition, replaced whole on every rebuild; `source_rows` is the subscribers count it
    // was built from, so a table out of step with its source is never read.
    ...createTable(ctx, {
      name: 'survival_counts',
      columns: [
        'as_of Date', 'source_rows UInt64', `province ${LC}`, `city ${LC}`, `brand ${LC}`, `contract_type ${LC}`, `customer_type ${LC}`,
        'cohort Date', 't Int32', 'events UInt64', 'censored UInt64',
      ],
      orderBy: '(province, city, brand, contract_type, customer_type, cohort, t)',
    }),
  ],
};
