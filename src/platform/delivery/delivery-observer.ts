/** What the consumers report to metrics. */
export interface DeliveryObserver {
  processed(queue: string, count: number): void;
  retried(queue: string, count: number): void;
  parked(queue: string, count: number): void;
}
