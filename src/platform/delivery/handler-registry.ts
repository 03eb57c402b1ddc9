import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DeliveryHandler, type MessageHandler } from './message-handler';

/** Every provider marked @DeliveryHandler(), in the order Nest registered them. */
@Injectable()
export class HandlerRegistry {
  constructor(private readonly discovery: DiscoveryService) {}

  handlers(): MessageHandler[] {
    return this.discovery
      .getProviders({ metadataKey: DeliveryHandler.KEY })
      .map((wrapper): unknown => wrapper.instance)
      .filter(isMessageHandler);
  }
}

function isMessageHandler(candidate: unknown): candidate is MessageHandler {
  if (typeof candidate !== 'object' || candidate === null) return false;
  const handler = candidate as Partial<MessageHandler>;
  return typeof handler.name === 'string' && typeof handler.handles === 'function' && typeof handler.handleBatch === 'function';
}
