/** PingOne's username rule (PingOne docs, User attributes: supported characters): required, 1–128 characters, `^[\p{L}\p{M}\p{Zs}\p{S}\p{N}\p{P}]*$`. */
export const USERNAME_PATTERN = /^[\p{L}\p{M}\p{Zs}\p{S}\p{N}\p{P}]*$/u;
export const USERNAME_MAX_LENGTH = 128;

export type UsernameProblem = 'missing' | 'tooLong' | 'invalidCharacters';

/**
 * Length counts code points (UNCONFIRMED whether PingOne counts UTF-16 units; PingOne docs, User attributes: supported characters).
 * Leading/trailing spaces are accepted as the regex allows them (trimming UNCONFIRMED).
 */
export function usernameProblem(value: unknown): UsernameProblem | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'missing';
  if ([...value].length > USERNAME_MAX_LENGTH) return 'tooLong';
  if (!USERNAME_PATTERN.test(value)) return 'invalidCharacters';
  return undefined;
}

/** Uniqueness key: case-insensitive (UNCONFIRMED, PingOne docs, User attributes: supported characters; the conservative choice). */
export function usernameKey(value: string): string {
  return value.toLowerCase();
}
