import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { InstanceRequests } from '../../../platform/instances/instance-requests';
import { COUNTRY_CACHES_TOPIC } from '../../countries';
import { StatisticReferenceCache } from './statistic-reference.cache';

/** The statistics' part of a country process's cache refresh: the countries a statistic may name, read again. */
@Injectable()
export class CountryCachesTask implements OnModuleInit {
  constructor(
    private readonly cache: StatisticReferenceCache,
    // Absent in the write-side CLI, which has the statistics and no instance registry.
    @Optional() private readonly instances?: InstanceRequests,
  ) {}

  onModuleInit(): void {
    this.instances?.register(COUNTRY_CACHES_TOPIC, () => this.cache.refresh());
  }
}
