import { IncomingMessage, ServerResponse } from 'node:http';
import type { StandInState } from './customs-stand-in';
import { ScheduledFault } from './stand-in-faults';

/**
 * The control API, for driving a stand-in that runs on its own (`make customs-stand-in`):
 *   POST   /control/faults    one fault or a list (see StandInFault)
 *   DELETE /control/faults    forget pending faults
 *   PUT    /control/settings  { "dailyQuota": 100 | null, "republished": true }
 *   POST   /control/quota/reset   a new "day": the call count starts again
 *   GET    /control/state     { calls, dailyQuota, republished }
 */
export async function handleControl(state: StandInState, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const route = `${req.method ?? 'GET'} ${path}`;
  try {
    if (route === 'POST /control/faults') {
      const body: unknown = await readJson(req);
      for (const fault of Array.isArray(body) ? body : [body]) state.faults.add(fault as ScheduledFault);
    } else if (route === 'DELETE /control/faults') {
      state.faults.clear();
    } else if (route === 'PUT /control/settings') {
      const body = (await readJson(req)) as { dailyQuota?: number | null; republished?: boolean };
      if (body.dailyQuota !== undefined) state.dailyQuota = body.dailyQuota ?? undefined;
      if (body.republished !== undefined) state.republished = body.republished;
    } else if (route === 'POST /control/quota/reset') {
      state.calls.length = 0;
    } else if (route === 'GET /control/state') {
      return json(res, 200, { calls: state.calls.length, dailyQuota: state.dailyQuota ?? null, republished: state.republished });
    } else {
      return json(res, 404, { error: `no control route ${route}` });
    }
    res.writeHead(204).end();
  } catch (error) {
    json(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return JSON.parse(text) as unknown;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
