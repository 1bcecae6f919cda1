/**
 * A browser's cookies, as far as the tests and the sign-in benchmark need them: kept by name with
 * the path and attributes they were set with, sent where their path is a prefix of the request's
 * (RFC 6265 §5.1.4). The provider and the hosted pages scope their cookies to an interaction's paths.
 */
export interface Cookie {
  value: string;
  path: string;
  attributes: string;
}

export class CookieJar {
  readonly cookies = new Map<string, Cookie>();

  /** The Cookie header a browser would send to this path. */
  cookieHeader(path: string): string {
    return [...this.cookies.entries()]
      .filter(([, cookie]) => path === cookie.path || path.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ');
  }

  /** Takes one Set-Cookie line: an empty or expired value deletes the cookie. */
  keep(line: string): void {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const [name, ...value] = pair.split('=');
    const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
    const expired = attributes.some((a) => /^expires=Thu, 01 Jan 1970/i.test(a)) || value.join('=') === '';
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, { value: value.join('='), path, attributes: attributes.join('; ') });
  }
}
