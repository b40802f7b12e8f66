/**
 * A seam the in-host tests may swap through the test API (handed out only in
 * test mode): the prompter, the clipboard. Features always call get(), so a
 * swap takes effect at once.
 */
export class Swappable<T> {
  constructor(private current: T) {}

  get(): T {
    return this.current;
  }

  /** Replaces the value; returns a function that restores the previous one. */
  use(value: T): () => void {
    const previous = this.current;
    this.current = value;
    return () => {
      this.current = previous;
    };
  }
}
