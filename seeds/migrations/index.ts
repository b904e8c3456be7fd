/** Every migration, in order. Add a file, append it here; never edit one that has shipped. */
import { core } from './001_core.ts';
import { app } from './002_app.ts';
import { ask } from './003_ask.ts';
import { audit } from './004_audit.ts';
import { importJobs } from './005_import.ts';
import { rollups } from './006_rollups.ts';
import { survivalCounts } from './007_survival_counts.ts';
import { channelRollup } from './008_channel_rollup.ts';
import { contractChurnCounts } from './009_contract_churn_counts.ts';
import { channelMonthlyRollup } from './010_channel_monthly_rollup.ts';
import { contactReach } from './011_contact_reach.ts';
import { channelFilters } from './012_channel_filters.ts';
import { reachBlockKey } from './013_reach_block_key.ts';
import type { Migration } from './ddl.ts';

export const MIGRATIONS: readonly Migration[] = [core, app, ask, audit, importJobs, rollups, survivalCounts, channelRollup, contractChurnCounts, channelMonthlyRollup, contactReach, channelFilters, reachBlockKey];
