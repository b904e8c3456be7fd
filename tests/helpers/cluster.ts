/**
 * One embedded engine holding the same demo data twice:
 *
 *  - `crm`: the normal single-node store (migrations + demo generator, as freshEngine does);
 *  - `crmc`: a cluster store. Every table the migrations create on a cluster is here as the
 *    `Distributed(<cluster>, crmc, <name>_local, <sharding key>)` table of the cluster DDL,
 *    under its normal name, over a cluster of SHARDS shards that are all this process.
 *
 * How the shards hold different rows in one process. ClickHouse reads a shard without a
 * network connection only when its replica is local: host a local address, port equal to the
 * config's `tcp_port`, and NO `<default_database>` (Cluster.cpp, isLocalImpl; a replica with
 * a default database is treated as remote, and chDB listens on no port: "Connection refused
 * (localhost:9000)"). So every shard runs the same `crmc.<name>_local`, and that object
 * routes by the shard being read: a view
 *
 *     SELECT * FROM crmc_s1.<name>_local WHERE shardNum() = 1 UNION ALL … shardNum() = N
 *
 * where `crmc_sK.<name>_local` is a real MergeTree table holding shard K's rows only, created
 * from the migrations' cluster DDL (Replicated*MergeTree → *MergeTree, no ON CLUSTER: chDB has
 * no Keeper). shardNum() is the shard number the Distributed engine sets for each shard's
 * sub-query (0 outside a distributed read, so the view alone is empty).
 *
 * Rows are placed as the Distributed engine places an insert: with equal weights, shard
 * (key % SHARDS) + 1 for an integer sharding key (sub_id: a subscriber's usage, months and
 * contacts sit with the subscriber), a hash of the row for rand().
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'chdb';
import { loadConfig } from '../../server/config.ts';
import { Dataset } from '../../server/domains/dataset.ts';
import { Engine } from '../../server/engine/engine.ts';
import { MIGRATIONS } from '../../seeds/migrations/index.ts';
import { prepareStore, seedDemo } from '../../seeds/bootstrap.ts';

export const CLUSTER = 'crm_local_shards';
export const CLUSTER_DB = 'crmc';

export interface ClusterRig {
  /** single-node store (database crm) */
  single: Engine;
  /** Distributed tables (database crmc, CLICKHOUSE_CLUSTER set) */
  cluster: Engine;
  dataset: Dataset;
  shards: number;
  /** the Distributed tables created, with their sharding keys */
  tables: { name: string; key: string }[];
  /** the DDL run for the cluster store, in order */
  ddl: string[];
  close(): Promise<void>;
}

function clusterConfigXml(shards: number): string {
  const shard = '      <shard><replica><host>localhost</host><port>9000</port></replica></shard>';
  return `<clickhouse>
  <!-- a replica is local when its port equals tcp_port (chDB listens on none; this only marks localhost:9000 as "us") -->
  <tcp_port>9000</tcp_port>
  <remote_servers>
    <${CLUSTER}>
${Array.from({ length: shards }, () => shard).join('\n')}
    </${CLUSTER}>
  </remote_servers>
</clickhouse>
`;
}

/**
 * The migrations' cluster DDL, rewritten for shards in one process. Returns the statements
 * and the Distributed tables. What differs from a real cluster, and only that:
 *  - `crmc.<name>_local` is the routing view above; each shard's rows are in
 *    `crmc_sK.<name>_local`, created by the local-table statement with Replicated*MergeTree →
 *    *MergeTree (no Keeper path, no replica macro) and without ON CLUSTER;
 *  - the Distributed statement runs as generated, minus ON CLUSTER and with the test cluster;
 *  - dropping `<name>_local` drops the routing view and each shard's table.
 */
export function clusterDdl(shards: number): { ddl: string[]; tables: { name: string; key: string }[] } {
  const db = CLUSTER_DB;
  const statements = MIGRATIONS.flatMap((m) => m.statements({ db, cluster: CLUSTER }));
  const ddl: string[] = Array.from({ length: shards }, (_, i) => `CREATE DATABASE IF NOT EXISTS ${db}_s${i + 1}`);
  ddl.unshift(`CREATE DATABASE IF NOT EXISTS ${db}`);
  const tables: { name: string; key: string }[] = [];
  const onCluster = ` ON CLUSTER ${CLUSTER}`;
  for (const sql of statements) {
    const local = new RegExp(`^CREATE TABLE IF NOT EXISTS ${db}\\.(\\w+)_local${onCluster} `).exec(sql);
    if (local) {
      const name = local[1];
      const plain = sql
        .replace(onCluster, '')
        .replace(/ENGINE = Replicated(\w*MergeTree)\('[^']*', '\{replica\}'(?:, )?/, 'ENGINE = $1(');
      if (plain.includes('Replicated') || plain.includes('{replica}')) throw new Error(`cannot rewrite the local DDL of ${name}: ${sql}`);
      for (let i = 1; i <= shards; i++) ddl.push(plain.replace(`${db}.${name}_local `, `${db}_s${i}.${name}_local `));
      const branches = Array.from({ length: shards }, (_, i) => `SELECT * FROM ${db}_s${i + 1}.${name}_local WHERE shardNum() = ${i + 1}`);
      ddl.push(`CREATE VIEW IF NOT EXISTS ${db}.${name}_local AS ${branches.join(' UNION ALL ')}`);
      continue;
    }
    const dist = new RegExp(`^CREATE TABLE IF NOT EXISTS ${db}\\.(\\w+)${onCluster} AS ${db}\\.(\\w+)_local\\nENGINE = Distributed\\(${CLUSTER}, ${db}, (\\w+)_local, (.+)\\)$`).exec(sql);
    if (dist) {
      tables.push({ name: dist[1], key: dist[4] });
      ddl.push(sql.replace(onCluster, ''));
      continue;
    }
    const drop = new RegExp(`^DROP TABLE IF EXISTS ${db}\\.(\\w+)${onCluster} SYNC$`).exec(sql);
    if (drop) {
      // a migration that rebuilds a table (012: contact_reach) drops both of its tables first
      const name = drop[1];
      if (name.endsWith('_local')) {
        ddl.push(`DROP VIEW IF EXISTS ${db}.${name}`);
        for (let i = 1; i <= shards; i++) ddl.push(`DROP TABLE IF EXISTS ${db}_s${i}.${name} SYNC`);
      } else {
        ddl.push(`DROP TABLE IF EXISTS ${db}.${name} SYNC`);
        tables.splice(0, tables.length, ...tables.filter((x) => x.name !== name));
      }
      continue;
    }
    throw new Error(`unexpected cluster DDL: ${sql}`);
  }
  return { ddl, tables };
}

/** Which rows of a single-node table shard `i` (0-based) holds, as the Distributed engine would place them. */
function shardPredicate(key: string, shards: number, i: number): string {
  return key === 'rand()' ? `sipHash64(tuple(*)) % ${shards} = ${i}` : `(${key}) % ${shards} = ${i}`;
}

export async function openClusterRig(opts: { subscribers: number; seed: number; asOf: string; months: number; shards?: number }): Promise<ClusterRig> {
  const shards = opts.shards ?? 2;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-cluster-test-'));
  const configFile = path.join(dataDir, '..', `${path.basename(dataDir)}.xml`);
  fs.writeFileSync(configFile, clusterConfigXml(shards));
  // The first connection on a data directory starts the process's engine: open it with the
  // cluster config; the engines' connections below (same directory) share that engine.
  const boot = new Session(dataDir, { connectionArgs: [`--config-file=${configFile}`] });
  const single = await Engine.open(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' }).engine);
  const cluster = await Engine.open(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', CLICKHOUSE_DATABASE: CLUSTER_DB, CLICKHOUSE_CLUSTER: CLUSTER }).engine);
  const close = async () => {
    await cluster.close();
    await single.close();
    boot.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(configFile, { force: true });
  };
  try {
    const [c] = await single.query<{ n: number; local: number }>(
      'SELECT count() AS n, countIf(is_local) AS local FROM system.clusters WHERE cluster = {c:String}', { c: CLUSTER });
    if (Number(c.n) !== shards || Number(c.local) !== shards) throw new Error(`cluster ${CLUSTER}: ${c.n} replicas, ${c.local} local; expected ${shards} local shards`);

    const dataset = new Dataset(single);
    await prepareStore(single);
    await seedDemo(single, dataset, { subscribers: opts.subscribers, seed: opts.seed, asOf: opts.asOf, months: opts.months });
    await dataset.refresh();
    // the survival pre-aggregations are not read on a cluster (counts.ts): empty here too, so
    // both stores run the raw survival and contract-churn passes and issue the same SQL
    await single.command(`TRUNCATE TABLE ${single.t('survival_counts')}`);
    await single.command(`TRUNCATE TABLE ${single.t('contract_churn_counts')}`);

    // Rows copied as they are: a ReplacingMergeTree (meta, written several times per key)
    // would otherwise collapse a key's rows on one side, in a merge between the copy and the
    // counts compared, or in the copy itself (optimize_on_insert dedups within an insert block).
    await single.command('SYSTEM STOP MERGES');
    const { ddl, tables } = clusterDdl(shards);
    for (const sql of ddl) await cluster.command(sql);
    for (const { name, key } of tables) {
      for (let i = 0; i < shards; i++) {
        await cluster.command(`INSERT INTO ${CLUSTER_DB}_s${i + 1}.${name}_local SELECT * FROM ${single.t(name)} WHERE ${shardPredicate(key, shards, i)} SETTINGS optimize_on_insert = 0`);
      }
    }
    return { single, cluster, dataset, shards, tables, ddl, close };
  } catch (e) {
    await close();
    throw e;
  }
}
