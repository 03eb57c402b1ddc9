import { inspect } from 'node:util';

/**
 * A configured secret (a webhook URL, a password). Its text is reachable only through `reveal()`:
 * string conversion, JSON, `util.inspect` and pino's serializers all see `[redacted]`, so a config
 * object or an error that carries one can be logged without leaking it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}
