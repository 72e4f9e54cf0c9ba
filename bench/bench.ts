/** A benchmark: runs, prints readable progress through `log`, and returns the JSON summary its issue names. */
export interface Benchmark {
  name: string;
  description: string;
  run(log: (line: string) => void): Promise<Record<string, unknown>>;
}
