/**
 * A copy of a delivered body in memory of its own. amqplib hands the body over as a view into the
 * socket read buffer it arrived in (up to 64 KiB, shared with the messages around it), so a
 * message held unacknowledged, as a shard's pipeline holds up to the prefetch, would keep that
 * whole buffer alive; held messages of several queues interleaved on one connection pin many
 * buffers each mostly made of messages long settled. The copy is exactly the body's size and is
 * not pooled, so it lives and dies with its message.
 */
export function detachedContent(content: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(content.length);
  content.copy(copy);
  return copy;
}
