import { createTable, type Migration } from './ddl.ts';

const LC = 'LowCardinality(String)';

export const contractChurnCounts: Migration = {
  version: 9,
  name: 'contract churn counts: at risk and churned around contract end by region, brand, customer type at the as-of',
  statements: (ctx) => [
    // server/domains/lifecycle/contract-churn.ts's counts, pre-counted at the data's as-of and
    // kept like survival_counts (migration 007): one partition replaced whole on every
    // rebuild, read only while `as_of` and `source_rows` say it is in step.
    ...createTable(ctx, {
      name: 'contract_churn_counts',
      columns: [
        'as_of Date', 'source_rows UInt64', `province ${LC}`, `city ${LC}`, `brand ${LC}`, `customer_type ${LC}`, `contract_type ${LC}`,
        'relative_month Int8', 'at_risk UInt64', 'churned UInt64',
      ],
      orderBy: '(province, city, brand, customer_type, contract_type, relative_month)',
    }),
  ],
};
