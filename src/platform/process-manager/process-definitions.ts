import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { ProcessDefinition } from './process.types';

/** Marks a provider as a ProcessDefinition; the process manager discovers every marked provider at start-up. */
export const ProcessDefinitionProvider = DiscoveryService.createDecorator<void>();

/** Every provider marked @ProcessDefinitionProvider(). */
@Injectable()
export class ProcessDefinitions {
  constructor(private readonly discovery: DiscoveryService) {}

  all(): ProcessDefinition[] {
    return this.discovery
      .getProviders({ metadataKey: ProcessDefinitionProvider.KEY })
      .map((wrapper): unknown => wrapper.instance)
      .filter(isDefinition);
  }
}

function isDefinition(candidate: unknown): candidate is ProcessDefinition {
  if (typeof candidate !== 'object' || candidate === null) return false;
  const definition = candidate as Partial<ProcessDefinition>;
  return typeof definition.type === 'string' && typeof definition.decide === 'function' && typeof definition.route === 'function';
}
