/** How a user is named on screen, and the word typed to confirm deleting them. */
interface Named {
  id: string;
  display_name: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  username: string | null;
}

export function userName(user: Named): string {
  const full = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return user.display_name || full || user.email || user.username || user.id;
}

/** Deleting asks for the email (else the username, else the id): what operators know a user by. */
export const confirmWord = (user: Named): string => user.email || user.username || user.id;
