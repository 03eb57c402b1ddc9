import { Injectable } from '@nestjs/common';

/** The one source of "now" for handlers; aggregates get the instant passed in. Tests may replace it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
