import { connect } from 'amqplib';
import { workQueueName } from '../../src/modules/customs-import';

/**
 * Deletes the customs import's work queues under a broker prefix: an instance with
 * CUSTOMS_IMPORT_WORKERS on declares them, and they outlive it (durable quorum queues). Deleting a
 * queue that was never declared is no error.
 */
export async function deleteCustomsImportQueues(rabbitmqUrl: string, prefix: string): Promise<void> {
  const connection = await connect(rabbitmqUrl);
  try {
    const channel = await connection.createChannel();
    for (const step of ['request', 'fetch', 'process'] as const) await channel.deleteQueue(workQueueName(prefix, step));
  } finally {
    await connection.close();
  }
}
