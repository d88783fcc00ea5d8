/** A member's name, or the address when the account has no name yet (invited people choose only a password). */
export function displayName(person: { firstName: string; lastName: string; email: string }): string {
  return `${person.firstName} ${person.lastName}`.trim() || person.email;
}
