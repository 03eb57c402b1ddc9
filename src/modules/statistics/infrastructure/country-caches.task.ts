import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InstanceRequests } from '../../../platform/instances/instance-requests';
import { COUNTRY_CACHES_TOPIC } from '../../countries';
import { StatisticReferenceCache } from './statistic-reference.cache';

/** The statistics' part of a country process's cache refresh: the countries a statistic may name, read again. */
@Injectable()
export class CountryCachesTask implements OnModuleInit {
  constructor(
    private readonly modules: ModuleRef,
    private readonly cache: StatisticReferenceCache,
  ) {}

  onModuleInit(): void {
    // Looked up, not injected: the write-side CLI has the statistics and no instance registry.
    let instances: InstanceRequests;
    try {
      instances = this.modules.get(InstanceRequests, { strict: false });
    } catch {
      return;
    }
    instances.register(COUNTRY_CACHES_TOPIC, () => this.cache.refresh());
  }
}
