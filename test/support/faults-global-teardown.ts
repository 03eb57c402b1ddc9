import { dropFaultDatabase } from './fault-world';

/** Drops the template database the fault suite's set-up created. */
export default async function faultsGlobalTeardown(): Promise<void> {
  const template = process.env.FAULTS_TEMPLATE_DATABASE;
  if (template) await dropFaultDatabase(template);
}
