import type { SqlPoolClient } from '../../../platform/database/pg-pool';
import { CUSTOMS_IMPORT_MESSAGE_TYPES, type CustomsImportOutcomeType } from '../customs-import.contract';
import type { JobState } from '../domain/import-job';

/** The job states whose reaching is an outcome operators hear of, with the event that says so. */
const OUTCOME_OF: Partial<Record<JobState, CustomsImportOutcomeType>> = {
  completed: CUSTOMS_IMPORT_MESSAGE_TYPES.completed,
  failed: CUSTOMS_IMPORT_MESSAGE_TYPES.failed,
  paused: CUSTOMS_IMPORT_MESSAGE_TYPES.paused,
};

export function outcomeOf(state: JobState): CustomsImportOutcomeType | undefined {
  return OUTCOME_OF[state];
}

/**
 * Appends the outcome event of the job's current state to the event log, inside the caller's
 * transaction (the one that saved the state): both commit or neither, so the relay publishes an
 * outcome exactly when it happened. The data is read from the row just written (and, for a
 * completion, the units' counts); the stream version follows the stream's last one, which the
 * job row's lock (taken by the update before) serializes.
 */
export async function appendImportOutcome(client: SqlPoolClient, importId: string, type: CustomsImportOutcomeType, at: Date): Promise<void> {
  await client.query(
    `insert into event_log (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at)
     select gen_random_uuid(), 'customs-import:' || j.id, coalesce((select max(stream_version) from event_log where stream_id = 'customs-import:' || j.id), 0) + 1,
            $2::text, 1,
            jsonb_build_object('importId', j.id, 'firstMonth', j.first_month, 'lastMonth', j.last_month, 'hsPrefixes', to_jsonb(j.hs_prefixes))
              || case $2::text
                   when 'CustomsImportCompleted' then (
                     select jsonb_build_object('units', count(*), 'recorded', coalesce(sum(u.recorded), 0), 'revised', coalesce(sum(u.revised), 0),
                              'retracted', coalesce(sum(u.retracted), 0), 'unchanged', coalesce(sum(u.unchanged), 0),
                              'refusedUnits', count(*) filter (where u.state = 'refused'), 'deadLetteredUnits', count(*) filter (where u.state = 'dead_lettered'))
                     from customs_import_unit u where u.import_id = j.id and u.state <> 'split')
                   when 'CustomsImportFailed' then jsonb_build_object('failureCode', j.failure_code, 'failure', j.failure)
                   else jsonb_build_object('pausedUntil', to_char(j.paused_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'reason', j.pause_reason)
                 end,
            jsonb_build_object('correlationId', j.correlation_id, 'causationId', null, 'actor', j.requested_by),
            $3
     from customs_import j where j.id = $1`,
    [importId, type, at],
  );
}
