/**
 * DDL for one table, single-node or cluster. On a cluster (CLICKHOUSE_CLUSTER) each table
 * becomes `<name>_local` (Replicated*MergeTree, ON CLUSTER) plus `<name>` (Distributed), so
 * query paths read `<name>` unchanged in both modes.
 */
export interface DdlContext {
  db: string;
  cluster: string;
}

export interface TableSpec {
  name: string;
  columns: string[];
  engine?: 'MergeTree' | 'ReplacingMergeTree' | 'SummingMergeTree' | 'AggregatingMergeTree';
  engineArgs?: string;
  partitionBy?: string;
  orderBy: string;
  /** sharding key on a cluster; rand() when absent */
  shardBy?: string;
  settings?: string;
}

export function createTable(ctx: DdlContext, spec: TableSpec): string[] {
  const engine = spec.engine ?? 'MergeTree';
  const tail = [
    spec.partitionBy ? `PARTITION BY ${spec.partitionBy}` : '',
    `ORDER BY ${spec.orderBy}`,
    spec.settings ? `SETTINGS ${spec.settings}` : '',
  ].filter(Boolean).join('\n');
  const cols = `(\n  ${spec.columns.join(',\n  ')}\n)`;
  if (!ctx.cluster) {
    return [`CREATE TABLE IF NOT EXISTS ${ctx.db}.${spec.name} ${cols}\nENGINE = ${engine}(${spec.engineArgs ?? ''})\n${tail}`];
  }
  const local = `${spec.name}_local`;
  const zkPath = `'/clickhouse/tables/{shard}/${ctx.db}/${local}'`;
  const args = [zkPath, `'{replica}'`, spec.engineArgs].filter(Boolean).join(', ');
  return [
    `CREATE TABLE IF NOT EXISTS ${ctx.db}.${local} ON CLUSTER ${ctx.cluster} ${cols}\nENGINE = Replicated${engine}(${args})\n${tail}`,
    `CREATE TABLE IF NOT EXISTS ${ctx.db}.${spec.name} ON CLUSTER ${ctx.cluster} AS ${ctx.db}.${local}\nENGINE = Distributed(${ctx.cluster}, ${ctx.db}, ${local}, ${spec.shardBy ?? 'rand()'})`,
  ];
}

export interface Migration {
  version: number;
  name: string;
  statements(ctx: DdlContext): string[];
}

/** DROP of one table, single-node or cluster (both the Distributed table and its local tables). */
export function dropTable(ctx: DdlContext, name: string): string[] {
  if (!ctx.cluster) return [`DROP TABLE IF EXISTS ${ctx.db}.${name}`];
  return [`DROP TABLE IF EXISTS ${ctx.db}.${name} ON CLUSTER ${ctx.cluster} SYNC`, `DROP TABLE IF EXISTS ${ctx.db}.${name}_local ON CLUSTER ${ctx.cluster} SYNC`];
}
