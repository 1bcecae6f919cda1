/**
 * Generated from Keyrealm's OpenAPI document by packages/sdk/scripts/generate.ts
 * (openapi-typescript). Do not edit: run `npm run generate -w packages/sdk`.
 */
/* eslint-disable */
export interface paths {
    "/admin/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in operator or operator application, and its grants */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actor: {
                                /** @description An operator's user id in the admin realm, or an operator application's client id. */
                                id: string;
                                type: "operator" | "application";
                            };
                            display_name: string | null;
                            email: string | null;
                            /** @description What the caller may do (docs/api.md, Operator permissions). */
                            grants: ({
                                /** @enum {string} */
                                permission: "read";
                            } | {
                                /** @enum {string} */
                                permission: "admin_realm";
                                /** @description Realm ids or slugs; stored and returned as ids. */
                                realms: string[];
                            } | {
                                /** @enum {string} */
                                permission: "admin_all_realms";
                            } | {
                                /** @enum {string} */
                                permission: "superadmin";
                            })[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/operator-applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List operator applications */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description The machine application of the admin realm (its client_id). */
                                client_id: string;
                                /** Format: date-time */
                                created_at: string;
                                /** @description Whether the application is switched on: while off, its tokens work nowhere. */
                                enabled: boolean;
                                grants: ({
                                    /** @enum {string} */
                                    permission: "read";
                                } | {
                                    /** @enum {string} */
                                    permission: "admin_realm";
                                    /** @description Realm ids or slugs; stored and returned as ids. */
                                    realms: string[];
                                } | {
                                    /** @enum {string} */
                                    permission: "admin_all_realms";
                                } | {
                                    /** @enum {string} */
                                    permission: "superadmin";
                                })[];
                                name: string;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/operator-applications/{application}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an operator application */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The machine application of the admin realm (its client_id). */
                            client_id: string;
                            /** Format: date-time */
                            created_at: string;
                            /** @description Whether the application is switched on: while off, its tokens work nowhere. */
                            enabled: boolean;
                            grants: ({
                                /** @enum {string} */
                                permission: "read";
                            } | {
                                /** @enum {string} */
                                permission: "admin_realm";
                                /** @description Realm ids or slugs; stored and returned as ids. */
                                realms: string[];
                            } | {
                                /** @enum {string} */
                                permission: "admin_all_realms";
                            } | {
                                /** @enum {string} */
                                permission: "superadmin";
                            })[];
                            name: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Give a machine application of the admin realm operator grants (replacing those it had)
         * @description Its client-credentials tokens from the admin realm then work on the admin API with these grants.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        grants: ({
                            /** @enum {string} */
                            permission: "read";
                        } | {
                            /** @enum {string} */
                            permission: "admin_realm";
                            /** @description Realm ids or slugs; stored and returned as ids. */
                            realms: string[];
                        } | {
                            /** @enum {string} */
                            permission: "admin_all_realms";
                        } | {
                            /** @enum {string} */
                            permission: "superadmin";
                        })[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The machine application of the admin realm (its client_id). */
                            client_id: string;
                            /** Format: date-time */
                            created_at: string;
                            /** @description Whether the application is switched on: while off, its tokens work nowhere. */
                            enabled: boolean;
                            grants: ({
                                /** @enum {string} */
                                permission: "read";
                            } | {
                                /** @enum {string} */
                                permission: "admin_realm";
                                /** @description Realm ids or slugs; stored and returned as ids. */
                                realms: string[];
                            } | {
                                /** @enum {string} */
                                permission: "admin_all_realms";
                            } | {
                                /** @enum {string} */
                                permission: "superadmin";
                            })[];
                            name: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Take an operator application’s grants away (the application stays) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    application: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/operators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List operators */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                created_at: string;
                                display_name: string | null;
                                email: string | null;
                                grants: ({
                                    /** @enum {string} */
                                    permission: "read";
                                } | {
                                    /** @enum {string} */
                                    permission: "admin_realm";
                                    /** @description Realm ids or slugs; stored and returned as ids. */
                                    realms: string[];
                                } | {
                                    /** @enum {string} */
                                    permission: "admin_all_realms";
                                } | {
                                    /** @enum {string} */
                                    permission: "superadmin";
                                })[];
                                /** @description The id of the operator's user in the admin realm. */
                                id: string;
                                last_login_at: string | null;
                                locked: boolean;
                                state: "active" | "inactive";
                                username: string | null;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create an operator */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        display_name?: string | null;
                        email: string;
                        grants: ({
                            /** @enum {string} */
                            permission: "read";
                        } | {
                            /** @enum {string} */
                            permission: "admin_realm";
                            /** @description Realm ids or slugs; stored and returned as ids. */
                            realms: string[];
                        } | {
                            /** @enum {string} */
                            permission: "admin_all_realms";
                        } | {
                            /** @enum {string} */
                            permission: "superadmin";
                        })[];
                        password: string;
                        username?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            display_name: string | null;
                            email: string | null;
                            grants: ({
                                /** @enum {string} */
                                permission: "read";
                            } | {
                                /** @enum {string} */
                                permission: "admin_realm";
                                /** @description Realm ids or slugs; stored and returned as ids. */
                                realms: string[];
                            } | {
                                /** @enum {string} */
                                permission: "admin_all_realms";
                            } | {
                                /** @enum {string} */
                                permission: "superadmin";
                            })[];
                            /** @description The id of the operator's user in the admin realm. */
                            id: string;
                            last_login_at: string | null;
                            locked: boolean;
                            state: "active" | "inactive";
                            username: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/operators/{operator}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an operator */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    operator: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            display_name: string | null;
                            email: string | null;
                            grants: ({
                                /** @enum {string} */
                                permission: "read";
                            } | {
                                /** @enum {string} */
                                permission: "admin_realm";
                                /** @description Realm ids or slugs; stored and returned as ids. */
                                realms: string[];
                            } | {
                                /** @enum {string} */
                                permission: "admin_all_realms";
                            } | {
                                /** @enum {string} */
                                permission: "superadmin";
                            })[];
                            /** @description The id of the operator's user in the admin realm. */
                            id: string;
                            last_login_at: string | null;
                            locked: boolean;
                            state: "active" | "inactive";
                            username: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove an operator and its admin-realm user */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    operator: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change an operator (only the fields given) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    operator: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        display_name?: string | null;
                        email?: string;
                        grants?: ({
                            /** @enum {string} */
                            permission: "read";
                        } | {
                            /** @enum {string} */
                            permission: "admin_realm";
                            /** @description Realm ids or slugs; stored and returned as ids. */
                            realms: string[];
                        } | {
                            /** @enum {string} */
                            permission: "admin_all_realms";
                        } | {
                            /** @enum {string} */
                            permission: "superadmin";
                        })[];
                        locked?: boolean;
                        state?: "active" | "inactive";
                        username?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            display_name: string | null;
                            email: string | null;
                            grants: ({
                                /** @enum {string} */
                                permission: "read";
                            } | {
                                /** @enum {string} */
                                permission: "admin_realm";
                                /** @description Realm ids or slugs; stored and returned as ids. */
                                realms: string[];
                            } | {
                                /** @enum {string} */
                                permission: "admin_all_realms";
                            } | {
                                /** @enum {string} */
                                permission: "superadmin";
                            })[];
                            /** @description The id of the operator's user in the admin realm. */
                            id: string;
                            last_login_at: string | null;
                            locked: boolean;
                            state: "active" | "inactive";
                            username: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/v1/realms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List realms (custom attributes only with expand=custom) */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    direction?: "asc" | "desc";
                    /** @description Include each realm’s custom attributes. */
                    expand?: "custom";
                    /** @description Page size (1-1000). */
                    limit?: number;
                    /** @description Search: realms whose name starts with this (any case), whose slug starts with it, or whose id it is. */
                    q?: string;
                    /** @description Exact reference. */
                    reference?: string;
                    sort?: "name" | "id" | "created_at";
                    state?: "active" | "inactive";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                api_keys: {
                                    /** @enum {string} */
                                    policy: "hash" | "encrypt";
                                    prefix: string | null;
                                    token_minutes: number;
                                };
                                branding: {
                                    colours: {
                                        dark: {
                                            /** @description #rrggbb */
                                            background: string;
                                            /** @description #rrggbb */
                                            primary: string;
                                            /** @description #rrggbb */
                                            primary_text: string;
                                            /** @description #rrggbb */
                                            surface: string;
                                            /** @description #rrggbb */
                                            text: string;
                                        } | null;
                                        light: {
                                            /** @description #rrggbb */
                                            background: string;
                                            /** @description #rrggbb */
                                            primary: string;
                                            /** @description #rrggbb */
                                            primary_text: string;
                                            /** @description #rrggbb */
                                            surface: string;
                                            /** @description #rrggbb */
                                            text: string;
                                        } | null;
                                    };
                                    frame_ancestors: string[];
                                    layout: {
                                        /** @enum {string} */
                                        corner_radius: "small" | "medium" | "large";
                                        /** @enum {string} */
                                        logo_position: "start" | "center";
                                        /** @enum {string} */
                                        style: "card" | "full_bleed";
                                    };
                                    stylesheet: string | null;
                                };
                                brute_force: {
                                    delay_after: number;
                                    enabled: boolean;
                                    lock_after: number;
                                    lock_minutes: number;
                                    permanent_after: number;
                                };
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                /** @description Present unless a list was asked for without expand=custom. */
                                custom?: {
                                    [key: string]: unknown;
                                };
                                email: {
                                    from_address: string | null;
                                    from_name: string | null;
                                    reset_password_url: string | null;
                                    verify_email_url: string | null;
                                };
                                id: string;
                                /** @description The built-in admin realm of operators. */
                                is_system: boolean;
                                localisation: {
                                    /** @enum {string} */
                                    default_locale: "en" | "de" | "fr" | "es";
                                    overrides: {
                                        de?: {
                                            [key: string]: string;
                                        };
                                        en?: {
                                            [key: string]: string;
                                        };
                                        es?: {
                                            [key: string]: string;
                                        };
                                        fr?: {
                                            [key: string]: string;
                                        };
                                    };
                                };
                                name: string;
                                passkeys: {
                                    allowed_origins: string[];
                                    /** @enum {string} */
                                    attestation: "none" | "direct";
                                    rp_id: string | null;
                                    rp_name: string | null;
                                    /** @enum {string} */
                                    user_verification: "required" | "preferred";
                                };
                                password_policy: {
                                    block_common: boolean;
                                    block_context: boolean;
                                    breached: {
                                        enabled: boolean;
                                        /**
                                         * @description What to do with a password when the breach range service cannot be reached.
                                         * @enum {string}
                                         */
                                        on_unavailable: "allow" | "refuse";
                                        range_url: string;
                                    };
                                    max_length: number;
                                    min_length: number;
                                };
                                public_info: {
                                    description: string | null;
                                    display_name: string | null;
                                    logo_url: string | null;
                                };
                                reference: string | null;
                                resource_links: {
                                    /** @enum {string} */
                                    resource: "user" | "tenant";
                                    title: string;
                                    /** @description http(s); may use {{id}}, {{reference}}, {{realm_id}}. */
                                    url: string;
                                }[];
                                roles: {
                                    default: string[];
                                };
                                sign_in: {
                                    first_factors: string[];
                                    /** @enum {string} */
                                    mfa: "off" | "optional" | "required";
                                    otp: {
                                        length: number;
                                        max_attempts: number;
                                        ttl_minutes: number;
                                    };
                                    second_factors: string[];
                                };
                                slug: string;
                                /**
                                 * @description An inactive realm refuses sign-in; its sessions end and its tokens stop validating.
                                 * @enum {string}
                                 */
                                state: "active" | "inactive";
                                /** @description Where users’ tokens live (flespi subaccount policy). Cannot change while the realm has users. */
                                tenant_policy: {
                                    /** @enum {string} */
                                    type: "current";
                                } | {
                                    tenant: string;
                                    /** @enum {string} */
                                    type: "selected";
                                } | {
                                    /** @enum {string} */
                                    type: "auto_created";
                                };
                                tokens: {
                                    access_claim: boolean;
                                    access_token_minutes: number;
                                    /**
                                     * @description Signing algorithm; changing it rotates the keys.
                                     * @enum {string}
                                     */
                                    algorithm: "ES256" | "EdDSA" | "RS256" | "HS256";
                                    claims: string[];
                                    default_access: {
                                        /** @enum {string} */
                                        type: "standard";
                                    } | {
                                        /** @enum {string} */
                                        type: "master";
                                    } | {
                                        acl: {
                                            methods: string[];
                                            uri: string;
                                        }[];
                                        /** @enum {string} */
                                        type: "acl";
                                    };
                                    refresh_reuse_interval_seconds: number;
                                    refresh_token_days: number;
                                    reset_token_minutes: number;
                                    /** @enum {string} */
                                    session_type: "managed" | "unmanaged";
                                    unmanaged_token_minutes: number;
                                    verification_token_hours: number;
                                };
                                /** Format: date-time */
                                updated_at: string;
                                updated_by: string | null;
                                users: {
                                    registration: {
                                        enabled: boolean;
                                        fields: {
                                            label?: string | null;
                                            max_length: number | null;
                                            /** @description Key in the user’s `custom`. */
                                            name: string;
                                            required: boolean;
                                            /**
                                             * @description `date` is an ISO 8601 calendar date, YYYY-MM-DD.
                                             * @enum {string}
                                             */
                                            type: "string" | "number" | "boolean" | "date";
                                        }[];
                                        /**
                                         * @description Whether sign-up takes a mobile number: `off` refuses one, `required` refuses sign-ups without one.
                                         * @enum {string}
                                         */
                                        mobile: "off" | "optional" | "required";
                                        require_email_verification: boolean;
                                        /**
                                         * @description Whether sign-up takes a username: `off` refuses one, `required` refuses sign-ups without one.
                                         * @enum {string}
                                         */
                                        username: "off" | "optional" | "required";
                                    };
                                    require_unique_emails: boolean;
                                    /** @enum {string} */
                                    username_validation: "standard" | "email";
                                };
                                version: number;
                                /** @description Allowed settings an operator should know about. */
                                warnings: string[];
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a realm with its first signing key */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        api_keys?: {
                            /** @enum {string} */
                            policy?: "hash" | "encrypt";
                            prefix?: string | null;
                            token_minutes?: number;
                        };
                        branding?: {
                            /** @description Each palette is given whole. Null: Keyrealm’s colours. A light palette without a dark one is used in both colour schemes. */
                            colours?: {
                                dark?: {
                                    /** @description #rrggbb */
                                    background: string;
                                    /** @description #rrggbb */
                                    primary: string;
                                    /** @description #rrggbb */
                                    primary_text: string;
                                    /** @description #rrggbb */
                                    surface: string;
                                    /** @description #rrggbb */
                                    text: string;
                                } | null;
                                light?: {
                                    /** @description #rrggbb */
                                    background: string;
                                    /** @description #rrggbb */
                                    primary: string;
                                    /** @description #rrggbb */
                                    primary_text: string;
                                    /** @description #rrggbb */
                                    surface: string;
                                    /** @description #rrggbb */
                                    text: string;
                                } | null;
                            };
                            /** @description Exact origins (https, http only on loopback) allowed to show the pages in a frame. Empty: no one may. */
                            frame_ancestors?: string[];
                            layout?: {
                                /**
                                 * @description Rounding of the card, fields and buttons.
                                 * @enum {string}
                                 */
                                corner_radius?: "small" | "medium" | "large";
                                /**
                                 * @description Logo and name at the start of the line, or centred.
                                 * @enum {string}
                                 */
                                logo_position?: "start" | "center";
                                /**
                                 * @description `card`: the page on a card over the background; `full_bleed`: the page fills the window in the surface colour.
                                 * @enum {string}
                                 */
                                style?: "card" | "full_bleed";
                            };
                            stylesheet?: string | null;
                        };
                        brute_force?: {
                            delay_after?: number;
                            enabled?: boolean;
                            lock_after?: number;
                            /** @description First temporary lock; each further lock doubles it. */
                            lock_minutes?: number;
                            permanent_after?: number;
                        };
                        /** @description Free-form attributes, at most 16 KB as JSON. */
                        custom?: {
                            [key: string]: unknown;
                        };
                        email?: {
                            from_address?: string | null;
                            from_name?: string | null;
                            reset_password_url?: string | null;
                            verify_email_url?: string | null;
                        };
                        localisation?: {
                            /**
                             * @description The pages’ language when neither ui_locales nor Accept-Language names a shipped one.
                             * @enum {string}
                             */
                            default_locale?: "en" | "de" | "fr" | "es";
                            /** @description Per language, per message key (docs/pages.md): plain text replacing the shipped string. Replaced whole. */
                            overrides?: {
                                de?: {
                                    [key: string]: string;
                                };
                                en?: {
                                    [key: string]: string;
                                };
                                es?: {
                                    [key: string]: string;
                                };
                                fr?: {
                                    [key: string]: string;
                                };
                            };
                        };
                        /** @description 1-200 characters, not blank. */
                        name: string;
                        passkeys?: {
                            /** @description Origins (https://host[:port]) whose ceremonies are accepted. Empty: the public URL’s origin. */
                            allowed_origins?: string[];
                            /**
                             * @description Whether registration asks the authenticator for its attestation statement.
                             * @enum {string}
                             */
                            attestation?: "none" | "direct";
                            rp_id?: string | null;
                            rp_name?: string | null;
                            /**
                             * @description `required`: only a passkey unlocked with a PIN or biometrics is accepted.
                             * @enum {string}
                             */
                            user_verification?: "required" | "preferred";
                        };
                        password_policy?: {
                            block_common?: boolean;
                            block_context?: boolean;
                            breached?: {
                                enabled?: boolean;
                                /**
                                 * @description What to do with a password when the breach range service cannot be reached.
                                 * @enum {string}
                                 */
                                on_unavailable?: "allow" | "refuse";
                                range_url?: string;
                            };
                            max_length?: number;
                            /** @description In code points after NFKC normalisation. */
                            min_length?: number;
                        };
                        /**
                         * @description Sets password length, token lifetimes and email verification at once; other fields in the request win.
                         * @enum {string}
                         */
                        preset?: "high" | "balanced" | "convenience";
                        public_info?: {
                            description?: string | null;
                            display_name?: string | null;
                            logo_url?: string | null;
                        };
                        reference?: string | null;
                        resource_links?: {
                            /** @enum {string} */
                            resource: "user" | "tenant";
                            title: string;
                            /** @description http(s); may use {{id}}, {{reference}}, {{realm_id}}. */
                            url: string;
                        }[];
                        roles?: {
                            /** @description Slugs of the realm's roles every new user gets (sign-up, creation by an operator, import); each must name a role of the realm. */
                            default?: string[];
                        };
                        sign_in?: {
                            /** @description Methods that can start a sign-in. */
                            first_factors?: ("password" | "email_otp" | "sms_otp" | "magic_link" | "number_match" | "passkey")[];
                            /**
                             * @description `optional`: users who enrolled a factor must use it; `required`: everyone.
                             * @enum {string}
                             */
                            mfa?: "off" | "optional" | "required";
                            otp?: {
                                length?: number;
                                /** @description Wrong codes before the flow ends. */
                                max_attempts?: number;
                                ttl_minutes?: number;
                            };
                            /** @description Methods that can complete one as its second factor. */
                            second_factors?: ("totp" | "hotp" | "passkey" | "email_otp" | "sms_otp" | "recovery_code")[];
                        };
                        /** @description Public id used in URLs; derived from the name when absent. */
                        slug?: string;
                        /**
                         * @description An inactive realm refuses sign-in; its sessions end and its tokens stop validating.
                         * @enum {string}
                         */
                        state?: "active" | "inactive";
                        /** @description Where users’ tokens live (flespi subaccount policy). Cannot change while the realm has users. */
                        tenant_policy?: {
                            /** @enum {string} */
                            type: "current";
                        } | {
                            tenant: string;
                            /** @enum {string} */
                            type: "selected";
                        } | {
                            /** @enum {string} */
                            type: "auto_created";
                        };
                        tokens?: {
                            /** @description Whether access tokens carry `access` (default true); validate answers it either way. */
                            access_claim?: boolean;
                            access_token_minutes?: number;
                            /**
                             * @description Signing algorithm; changing it rotates the keys.
                             * @enum {string}
                             */
                            algorithm?: "ES256" | "EdDSA" | "RS256" | "HS256";
                            claims?: ("custom" | "roles" | "tenants" | "memberships")[];
                            default_access?: {
                                /** @enum {string} */
                                type: "standard";
                            } | {
                                /** @enum {string} */
                                type: "master";
                            } | {
                                acl: {
                                    methods: ("GET" | "POST" | "PUT" | "PATCH" | "DELETE")[];
                                    uri: string;
                                }[];
                                /** @enum {string} */
                                type: "acl";
                            };
                            /** @description Seconds after a refresh in which its spent token gets the same successor instead of ending the session; 0 turns this off. */
                            refresh_reuse_interval_seconds?: number;
                            /** @description Absolute lifetime of a sign-in session. */
                            refresh_token_days?: number;
                            reset_token_minutes?: number;
                            /** @enum {string} */
                            session_type?: "managed" | "unmanaged";
                            /** @description 0 means unmanaged tokens never expire. */
                            unmanaged_token_minutes?: number;
                            verification_token_hours?: number;
                        };
                        users?: {
                            registration?: {
                                /** @description Whether people may sign up themselves. */
                                enabled?: boolean;
                                /** @description Extra profile fields asked at sign-up. */
                                fields?: {
                                    label?: string | null;
                                    max_length: number | null;
                                    /** @description Key in the user’s `custom`. */
                                    name: string;
                                    required: boolean;
                                    /**
                                     * @description `date` is an ISO 8601 calendar date, YYYY-MM-DD.
                                     * @enum {string}
                                     */
                                    type: "string" | "number" | "boolean" | "date";
                                }[];
                                /**
                                 * @description Whether sign-up takes a mobile number: `off` refuses one, `required` refuses sign-ups without one.
                                 * @enum {string}
                                 */
                                mobile?: "off" | "optional" | "required";
                                /** @description Whether a self-registered account may sign in before its email is verified. */
                                require_email_verification?: boolean;
                                /**
                                 * @description Whether sign-up takes a username: `off` refuses one, `required` refuses sign-ups without one.
                                 * @enum {string}
                                 */
                                username?: "off" | "optional" | "required";
                            };
                            require_unique_emails?: boolean;
                            /** @enum {string} */
                            username_validation?: "standard" | "email";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            api_keys: {
                                /** @enum {string} */
                                policy: "hash" | "encrypt";
                                prefix: string | null;
                                token_minutes: number;
                            };
                            branding: {
                                colours: {
                                    dark: {
                                        /** @description #rrggbb */
                                        background: string;
                                        /** @description #rrggbb */
                                        primary: string;
                                        /** @description #rrggbb */
                                        primary_text: string;
                                        /** @description #rrggbb */
                                        surface: string;
                                        /** @description #rrggbb */
                                        text: string;
                                    } | null;
                                    light: {
                                        /** @description #rrggbb */
                                        background: string;
                                        /** @description #rrggbb */
                                        primary: string;
                                        /** @description #rrggbb */
                                        primary_text: string;
                                        /** @description #rrggbb */
                                        surface: string;
                                        /** @description #rrggbb */
                                        text: string;
                                    } | null;
                                };
                                frame_ancestors: string[];
                                layout: {
                                    /** @enum {string} */
                                    corner_radius: "small" | "medium" | "large";
                                    /** @enum {string} */
                                    logo_position: "start" | "center";
                                    /** @enum {string} */
                                    style: "card" | "full_bleed";
                                };
                                stylesheet: string | null;
                            };
                            brute_force: {
                                delay_after: number;
                                enabled: boolean;
                                lock_after: number;
                                lock_minutes: number;
                                permanent_after: number;
                            };
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            /** @description Present unless a list was asked for without expand=custom. */
                            custom?: {
                                [key: string]: unknown;
                            };
                            email: {
                                from_address: string | null;
                                from_name: string | null;
                                reset_password_url: string | null;
                                verify_email_url: string | null;
                            };
                            id: string;
                            /** @description The built-in admin realm of operators. */
                            is_system: boolean;
                            localisation: {
                                /** @enum {string} */
                                default_locale: "en" | "de" | "fr" | "es";
                                overrides: {
                                    de?: {
                                        [key: string]: string;
                                    };
                                    en?: {
                                        [key: string]: string;
                                    };
                                    es?: {
                                        [key: string]: string;
                                    };
                                    fr?: {
                                        [key: string]: string;
                                    };
                                };
                            };
                            name: string;
                            passkeys: {
                                allowed_origins: string[];
                                /** @enum {string} */
                                attestation: "none" | "direct";
                                rp_id: string | null;
                                rp_name: string | null;
                                /** @enum {string} */
                                user_verification: "required" | "preferred";
                            };
                            password_policy: {
                                block_common: boolean;
                                block_context: boolean;
                                breached: {
                                    enabled: boolean;
                                    /**
                                     * @description What to do with a password when the breach range service cannot be reached.
                                     * @enum {string}
                                     */
                                    on_unavailable: "allow" | "refuse";
                                    range_url: string;
                                };
                                max_length: number;
                                min_length: number;
                            };
                            public_info: {
                                description: string | null;
                                display_name: string | null;
                                logo_url: string | null;
                            };
                            reference: string | null;
                            resource_links: {
                                /** @enum {string} */
                                resource: "user" | "tenant";
                                title: string;
                                /** @description http(s); may use {{id}}, {{reference}}, {{realm_id}}. */
                                url: string;
                            }[];
                            roles: {
                                default: string[];
                            };
                            sign_in: {
                                first_factors: string[];
                                /** @enum {string} */
                                mfa: "off" | "optional" | "required";
                                otp: {
                                    length: number;
                                    max_attempts: number;
                                    ttl_minutes: number;
                                };
                                second_factors: string[];
                            };
                            slug: string;
                            /**
                             * @description An inactive realm refuses sign-in; its sessions end and its tokens stop validating.
                             * @enum {string}
                             */
                            state: "active" | "inactive";
                            /** @description Where users’ tokens live (flespi subaccount policy). Cannot change while the realm has users. */
                            tenant_policy: {
                                /** @enum {string} */
                                type: "current";
                            } | {
                                tenant: string;
                                /** @enum {string} */
                                type: "selected";
                            } | {
                                /** @enum {string} */
                                type: "auto_created";
                            };
                            tokens: {
                                access_claim: boolean;
                                access_token_minutes: number;
                                /**
                                 * @description Signing algorithm; changing it rotates the keys.
                                 * @enum {string}
                                 */
                                algorithm: "ES256" | "EdDSA" | "RS256" | "HS256";
                                claims: string[];
                                default_access: {
                                    /** @enum {string} */
                                    type: "standard";
                                } | {
                                    /** @enum {string} */
                                    type: "master";
                                } | {
                                    acl: {
                                        methods: string[];
                                        uri: string;
                                    }[];
                                    /** @enum {string} */
                                    type: "acl";
                                };
                                refresh_reuse_interval_seconds: number;
                                refresh_token_days: number;
                                reset_token_minutes: number;
                                /** @enum {string} */
                                session_type: "managed" | "unmanaged";
                                unmanaged_token_minutes: number;
                                verification_token_hours: number;
                            };
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string | null;
                            users: {
                                registration: {
                                    enabled: boolean;
                                    fields: {
                                        label?: string | null;
                                        max_length: number | null;
                                        /** @description Key in the user’s `custom`. */
                                        name: string;
                                        required: boolean;
                                        /**
                                         * @description `date` is an ISO 8601 calendar date, YYYY-MM-DD.
                                         * @enum {string}
                                         */
                                        type: "string" | "number" | "boolean" | "date";
                                    }[];
                                    /**
                                     * @description Whether sign-up takes a mobile number: `off` refuses one, `required` refuses sign-ups without one.
                                     * @enum {string}
                                     */
                                    mobile: "off" | "optional" | "required";
                                    require_email_verification: boolean;
                                    /**
                                     * @description Whether sign-up takes a username: `off` refuses one, `required` refuses sign-ups without one.
                                     * @enum {string}
                                     */
                                    username: "off" | "optional" | "required";
                                };
                                require_unique_emails: boolean;
                                /** @enum {string} */
                                username_validation: "standard" | "email";
                            };
                            version: number;
                            /** @description Allowed settings an operator should know about. */
                            warnings: string[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a realm */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            api_keys: {
                                /** @enum {string} */
                                policy: "hash" | "encrypt";
                                prefix: string | null;
                                token_minutes: number;
                            };
                            branding: {
                                colours: {
                                    dark: {
                                        /** @description #rrggbb */
                                        background: string;
                                        /** @description #rrggbb */
                                        primary: string;
                                        /** @description #rrggbb */
                                        primary_text: string;
                                        /** @description #rrggbb */
                                        surface: string;
                                        /** @description #rrggbb */
                                        text: string;
                                    } | null;
                                    light: {
                                        /** @description #rrggbb */
                                        background: string;
                                        /** @description #rrggbb */
                                        primary: string;
                                        /** @description #rrggbb */
                                        primary_text: string;
                                        /** @description #rrggbb */
                                        surface: string;
                                        /** @description #rrggbb */
                                        text: string;
                                    } | null;
                                };
                                frame_ancestors: string[];
                                layout: {
                                    /** @enum {string} */
                                    corner_radius: "small" | "medium" | "large";
                                    /** @enum {string} */
                                    logo_position: "start" | "center";
                                    /** @enum {string} */
                                    style: "card" | "full_bleed";
                                };
                                stylesheet: string | null;
                            };
                            brute_force: {
                                delay_after: number;
                                enabled: boolean;
                                lock_after: number;
                                lock_minutes: number;
                                permanent_after: number;
                            };
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            /** @description Present unless a list was asked for without expand=custom. */
                            custom?: {
                                [key: string]: unknown;
                            };
                            email: {
                                from_address: string | null;
                                from_name: string | null;
                                reset_password_url: string | null;
                                verify_email_url: string | null;
                            };
                            id: string;
                            /** @description The built-in admin realm of operators. */
                            is_system: boolean;
                            localisation: {
                                /** @enum {string} */
                                default_locale: "en" | "de" | "fr" | "es";
                                overrides: {
                                    de?: {
                                        [key: string]: string;
                                    };
                                    en?: {
                                        [key: string]: string;
                                    };
                                    es?: {
                                        [key: string]: string;
                                    };
                                    fr?: {
                                        [key: string]: string;
                                    };
                                };
                            };
                            name: string;
                            passkeys: {
                                allowed_origins: string[];
                                /** @enum {string} */
                                attestation: "none" | "direct";
                                rp_id: string | null;
                                rp_name: string | null;
                                /** @enum {string} */
                                user_verification: "required" | "preferred";
                            };
                            password_policy: {
                                block_common: boolean;
                                block_context: boolean;
                                breached: {
                                    enabled: boolean;
                                    /**
                                     * @description What to do with a password when the breach range service cannot be reached.
                                     * @enum {string}
                                     */
                                    on_unavailable: "allow" | "refuse";
                                    range_url: string;
                                };
                                max_length: number;
                                min_length: number;
                            };
                            public_info: {
                                description: string | null;
                                display_name: string | null;
                                logo_url: string | null;
                            };
                            reference: string | null;
                            resource_links: {
                                /** @enum {string} */
                                resource: "user" | "tenant";
                                title: string;
                                /** @description http(s); may use {{id}}, {{reference}}, {{realm_id}}. */
                                url: string;
                            }[];
                            roles: {
                                default: string[];
                            };
                            sign_in: {
                                first_factors: string[];
                                /** @enum {string} */
                                mfa: "off" | "optional" | "required";
                                otp: {
                                    length: number;
                                    max_attempts: number;
                                    ttl_minutes: number;
                                };
                                second_factors: string[];
                            };
                            slug: string;
                            /**
                             * @description An inactive realm refuses sign-in; its sessions end and its tokens stop validating.
                             * @enum {string}
                             */
                            state: "active" | "inactive";
                            /** @description Where users’ tokens live (flespi subaccount policy). Cannot change while the realm has users. */
                            tenant_policy: {
                                /** @enum {string} */
                                type: "current";
                            } | {
                                tenant: string;
                                /** @enum {string} */
                                type: "selected";
                            } | {
                                /** @enum {string} */
                                type: "auto_created";
                            };
                            tokens: {
                                access_claim: boolean;
                                access_token_minutes: number;
                                /**
                                 * @description Signing algorithm; changing it rotates the keys.
                                 * @enum {string}
                                 */
                                algorithm: "ES256" | "EdDSA" | "RS256" | "HS256";
                                claims: string[];
                                default_access: {
                                    /** @enum {string} */
                                    type: "standard";
                                } | {
                                    /** @enum {string} */
                                    type: "master";
                                } | {
                                    acl: {
                                        methods: string[];
                                        uri: string;
                                    }[];
                                    /** @enum {string} */
                                    type: "acl";
                                };
                                refresh_reuse_interval_seconds: number;
                                refresh_token_days: number;
                                reset_token_minutes: number;
                                /** @enum {string} */
                                session_type: "managed" | "unmanaged";
                                unmanaged_token_minutes: number;
                                verification_token_hours: number;
                            };
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string | null;
                            users: {
                                registration: {
                                    enabled: boolean;
                                    fields: {
                                        label?: string | null;
                                        max_length: number | null;
                                        /** @description Key in the user’s `custom`. */
                                        name: string;
                                        required: boolean;
                                        /**
                                         * @description `date` is an ISO 8601 calendar date, YYYY-MM-DD.
                                         * @enum {string}
                                         */
                                        type: "string" | "number" | "boolean" | "date";
                                    }[];
                                    /**
                                     * @description Whether sign-up takes a mobile number: `off` refuses one, `required` refuses sign-ups without one.
                                     * @enum {string}
                                     */
                                    mobile: "off" | "optional" | "required";
                                    require_email_verification: boolean;
                                    /**
                                     * @description Whether sign-up takes a username: `off` refuses one, `required` refuses sign-ups without one.
                                     * @enum {string}
                                     */
                                    username: "off" | "optional" | "required";
                                };
                                require_unique_emails: boolean;
                                /** @enum {string} */
                                username_validation: "standard" | "email";
                            };
                            version: number;
                            /** @description Allowed settings an operator should know about. */
                            warnings: string[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a realm and everything in it */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a realm (only the fields given; nested objects merge) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        api_keys?: {
                            /** @enum {string} */
                            policy?: "hash" | "encrypt";
                            prefix?: string | null;
                            token_minutes?: number;
                        };
                        branding?: {
                            /** @description Each palette is given whole. Null: Keyrealm’s colours. A light palette without a dark one is used in both colour schemes. */
                            colours?: {
                                dark?: {
                                    /** @description #rrggbb */
                                    background: string;
                                    /** @description #rrggbb */
                                    primary: string;
                                    /** @description #rrggbb */
                                    primary_text: string;
                                    /** @description #rrggbb */
                                    surface: string;
                                    /** @description #rrggbb */
                                    text: string;
                                } | null;
                                light?: {
                                    /** @description #rrggbb */
                                    background: string;
                                    /** @description #rrggbb */
                                    primary: string;
                                    /** @description #rrggbb */
                                    primary_text: string;
                                    /** @description #rrggbb */
                                    surface: string;
                                    /** @description #rrggbb */
                                    text: string;
                                } | null;
                            };
                            /** @description Exact origins (https, http only on loopback) allowed to show the pages in a frame. Empty: no one may. */
                            frame_ancestors?: string[];
                            layout?: {
                                /**
                                 * @description Rounding of the card, fields and buttons.
                                 * @enum {string}
                                 */
                                corner_radius?: "small" | "medium" | "large";
                                /**
                                 * @description Logo and name at the start of the line, or centred.
                                 * @enum {string}
                                 */
                                logo_position?: "start" | "center";
                                /**
                                 * @description `card`: the page on a card over the background; `full_bleed`: the page fills the window in the surface colour.
                                 * @enum {string}
                                 */
                                style?: "card" | "full_bleed";
                            };
                            stylesheet?: string | null;
                        };
                        brute_force?: {
                            delay_after?: number;
                            enabled?: boolean;
                            lock_after?: number;
                            /** @description First temporary lock; each further lock doubles it. */
                            lock_minutes?: number;
                            permanent_after?: number;
                        };
                        /** @description Free-form attributes, at most 16 KB as JSON. */
                        custom?: {
                            [key: string]: unknown;
                        };
                        email?: {
                            from_address?: string | null;
                            from_name?: string | null;
                            reset_password_url?: string | null;
                            verify_email_url?: string | null;
                        };
                        localisation?: {
                            /**
                             * @description The pages’ language when neither ui_locales nor Accept-Language names a shipped one.
                             * @enum {string}
                             */
                            default_locale?: "en" | "de" | "fr" | "es";
                            /** @description Per language, per message key (docs/pages.md): plain text replacing the shipped string. Replaced whole. */
                            overrides?: {
                                de?: {
                                    [key: string]: string;
                                };
                                en?: {
                                    [key: string]: string;
                                };
                                es?: {
                                    [key: string]: string;
                                };
                                fr?: {
                                    [key: string]: string;
                                };
                            };
                        };
                        /** @description 1-200 characters, not blank. */
                        name?: string;
                        passkeys?: {
                            /** @description Origins (https://host[:port]) whose ceremonies are accepted. Empty: the public URL’s origin. */
                            allowed_origins?: string[];
                            /**
                             * @description Whether registration asks the authenticator for its attestation statement.
                             * @enum {string}
                             */
                            attestation?: "none" | "direct";
                            rp_id?: string | null;
                            rp_name?: string | null;
                            /**
                             * @description `required`: only a passkey unlocked with a PIN or biometrics is accepted.
                             * @enum {string}
                             */
                            user_verification?: "required" | "preferred";
                        };
                        password_policy?: {
                            block_common?: boolean;
                            block_context?: boolean;
                            breached?: {
                                enabled?: boolean;
                                /**
                                 * @description What to do with a password when the breach range service cannot be reached.
                                 * @enum {string}
                                 */
                                on_unavailable?: "allow" | "refuse";
                                range_url?: string;
                            };
                            max_length?: number;
                            /** @description In code points after NFKC normalisation. */
                            min_length?: number;
                        };
                        /**
                         * @description Sets password length, token lifetimes and email verification at once; other fields in the request win.
                         * @enum {string}
                         */
                        preset?: "high" | "balanced" | "convenience";
                        public_info?: {
                            description?: string | null;
                            display_name?: string | null;
                            logo_url?: string | null;
                        };
                        reference?: string | null;
                        resource_links?: {
                            /** @enum {string} */
                            resource: "user" | "tenant";
                            title: string;
                            /** @description http(s); may use {{id}}, {{reference}}, {{realm_id}}. */
                            url: string;
                        }[];
                        roles?: {
                            /** @description Slugs of the realm's roles every new user gets (sign-up, creation by an operator, import); each must name a role of the realm. */
                            default?: string[];
                        };
                        sign_in?: {
                            /** @description Methods that can start a sign-in. */
                            first_factors?: ("password" | "email_otp" | "sms_otp" | "magic_link" | "number_match" | "passkey")[];
                            /**
                             * @description `optional`: users who enrolled a factor must use it; `required`: everyone.
                             * @enum {string}
                             */
                            mfa?: "off" | "optional" | "required";
                            otp?: {
                                length?: number;
                                /** @description Wrong codes before the flow ends. */
                                max_attempts?: number;
                                ttl_minutes?: number;
                            };
                            /** @description Methods that can complete one as its second factor. */
                            second_factors?: ("totp" | "hotp" | "passkey" | "email_otp" | "sms_otp" | "recovery_code")[];
                        };
                        /** @description Public id used in URLs; derived from the name when absent. */
                        slug?: string;
                        /**
                         * @description An inactive realm refuses sign-in; its sessions end and its tokens stop validating.
                         * @enum {string}
                         */
                        state?: "active" | "inactive";
                        /** @description Where users’ tokens live (flespi subaccount policy). Cannot change while the realm has users. */
                        tenant_policy?: {
                            /** @enum {string} */
                            type: "current";
                        } | {
                            tenant: string;
                            /** @enum {string} */
                            type: "selected";
                        } | {
                            /** @enum {string} */
                            type: "auto_created";
                        };
                        tokens?: {
                            /** @description Whether access tokens carry `access` (default true); validate answers it either way. */
                            access_claim?: boolean;
                            access_token_minutes?: number;
                            /**
                             * @description Signing algorithm; changing it rotates the keys.
                             * @enum {string}
                             */
                            algorithm?: "ES256" | "EdDSA" | "RS256" | "HS256";
                            claims?: ("custom" | "roles" | "tenants" | "memberships")[];
                            default_access?: {
                                /** @enum {string} */
                                type: "standard";
                            } | {
                                /** @enum {string} */
                                type: "master";
                            } | {
                                acl: {
                                    methods: ("GET" | "POST" | "PUT" | "PATCH" | "DELETE")[];
                                    uri: string;
                                }[];
                                /** @enum {string} */
                                type: "acl";
                            };
                            /** @description Seconds after a refresh in which its spent token gets the same successor instead of ending the session; 0 turns this off. */
                            refresh_reuse_interval_seconds?: number;
                            /** @description Absolute lifetime of a sign-in session. */
                            refresh_token_days?: number;
                            reset_token_minutes?: number;
                            /** @enum {string} */
                            session_type?: "managed" | "unmanaged";
                            /** @description 0 means unmanaged tokens never expire. */
                            unmanaged_token_minutes?: number;
                            verification_token_hours?: number;
                        };
                        users?: {
                            registration?: {
                                /** @description Whether people may sign up themselves. */
                                enabled?: boolean;
                                /** @description Extra profile fields asked at sign-up. */
                                fields?: {
                                    label?: string | null;
                                    max_length: number | null;
                                    /** @description Key in the user’s `custom`. */
                                    name: string;
                                    required: boolean;
                                    /**
                                     * @description `date` is an ISO 8601 calendar date, YYYY-MM-DD.
                                     * @enum {string}
                                     */
                                    type: "string" | "number" | "boolean" | "date";
                                }[];
                                /**
                                 * @description Whether sign-up takes a mobile number: `off` refuses one, `required` refuses sign-ups without one.
                                 * @enum {string}
                                 */
                                mobile?: "off" | "optional" | "required";
                                /** @description Whether a self-registered account may sign in before its email is verified. */
                                require_email_verification?: boolean;
                                /**
                                 * @description Whether sign-up takes a username: `off` refuses one, `required` refuses sign-ups without one.
                                 * @enum {string}
                                 */
                                username?: "off" | "optional" | "required";
                            };
                            require_unique_emails?: boolean;
                            /** @enum {string} */
                            username_validation?: "standard" | "email";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            api_keys: {
                                /** @enum {string} */
                                policy: "hash" | "encrypt";
                                prefix: string | null;
                                token_minutes: number;
                            };
                            branding: {
                                colours: {
                                    dark: {
                                        /** @description #rrggbb */
                                        background: string;
                                        /** @description #rrggbb */
                                        primary: string;
                                        /** @description #rrggbb */
                                        primary_text: string;
                                        /** @description #rrggbb */
                                        surface: string;
                                        /** @description #rrggbb */
                                        text: string;
                                    } | null;
                                    light: {
                                        /** @description #rrggbb */
                                        background: string;
                                        /** @description #rrggbb */
                                        primary: string;
                                        /** @description #rrggbb */
                                        primary_text: string;
                                        /** @description #rrggbb */
                                        surface: string;
                                        /** @description #rrggbb */
                                        text: string;
                                    } | null;
                                };
                                frame_ancestors: string[];
                                layout: {
                                    /** @enum {string} */
                                    corner_radius: "small" | "medium" | "large";
                                    /** @enum {string} */
                                    logo_position: "start" | "center";
                                    /** @enum {string} */
                                    style: "card" | "full_bleed";
                                };
                                stylesheet: string | null;
                            };
                            brute_force: {
                                delay_after: number;
                                enabled: boolean;
                                lock_after: number;
                                lock_minutes: number;
                                permanent_after: number;
                            };
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            /** @description Present unless a list was asked for without expand=custom. */
                            custom?: {
                                [key: string]: unknown;
                            };
                            email: {
                                from_address: string | null;
                                from_name: string | null;
                                reset_password_url: string | null;
                                verify_email_url: string | null;
                            };
                            id: string;
                            /** @description The built-in admin realm of operators. */
                            is_system: boolean;
                            localisation: {
                                /** @enum {string} */
                                default_locale: "en" | "de" | "fr" | "es";
                                overrides: {
                                    de?: {
                                        [key: string]: string;
                                    };
                                    en?: {
                                        [key: string]: string;
                                    };
                                    es?: {
                                        [key: string]: string;
                                    };
                                    fr?: {
                                        [key: string]: string;
                                    };
                                };
                            };
                            name: string;
                            passkeys: {
                                allowed_origins: string[];
                                /** @enum {string} */
                                attestation: "none" | "direct";
                                rp_id: string | null;
                                rp_name: string | null;
                                /** @enum {string} */
                                user_verification: "required" | "preferred";
                            };
                            password_policy: {
                                block_common: boolean;
                                block_context: boolean;
                                breached: {
                                    enabled: boolean;
                                    /**
                                     * @description What to do with a password when the breach range service cannot be reached.
                                     * @enum {string}
                                     */
                                    on_unavailable: "allow" | "refuse";
                                    range_url: string;
                                };
                                max_length: number;
                                min_length: number;
                            };
                            public_info: {
                                description: string | null;
                                display_name: string | null;
                                logo_url: string | null;
                            };
                            reference: string | null;
                            resource_links: {
                                /** @enum {string} */
                                resource: "user" | "tenant";
                                title: string;
                                /** @description http(s); may use {{id}}, {{reference}}, {{realm_id}}. */
                                url: string;
                            }[];
                            roles: {
                                default: string[];
                            };
                            sign_in: {
                                first_factors: string[];
                                /** @enum {string} */
                                mfa: "off" | "optional" | "required";
                                otp: {
                                    length: number;
                                    max_attempts: number;
                                    ttl_minutes: number;
                                };
                                second_factors: string[];
                            };
                            slug: string;
                            /**
                             * @description An inactive realm refuses sign-in; its sessions end and its tokens stop validating.
                             * @enum {string}
                             */
                            state: "active" | "inactive";
                            /** @description Where users’ tokens live (flespi subaccount policy). Cannot change while the realm has users. */
                            tenant_policy: {
                                /** @enum {string} */
                                type: "current";
                            } | {
                                tenant: string;
                                /** @enum {string} */
                                type: "selected";
                            } | {
                                /** @enum {string} */
                                type: "auto_created";
                            };
                            tokens: {
                                access_claim: boolean;
                                access_token_minutes: number;
                                /**
                                 * @description Signing algorithm; changing it rotates the keys.
                                 * @enum {string}
                                 */
                                algorithm: "ES256" | "EdDSA" | "RS256" | "HS256";
                                claims: string[];
                                default_access: {
                                    /** @enum {string} */
                                    type: "standard";
                                } | {
                                    /** @enum {string} */
                                    type: "master";
                                } | {
                                    acl: {
                                        methods: string[];
                                        uri: string;
                                    }[];
                                    /** @enum {string} */
                                    type: "acl";
                                };
                                refresh_reuse_interval_seconds: number;
                                refresh_token_days: number;
                                reset_token_minutes: number;
                                /** @enum {string} */
                                session_type: "managed" | "unmanaged";
                                unmanaged_token_minutes: number;
                                verification_token_hours: number;
                            };
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string | null;
                            users: {
                                registration: {
                                    enabled: boolean;
                                    fields: {
                                        label?: string | null;
                                        max_length: number | null;
                                        /** @description Key in the user’s `custom`. */
                                        name: string;
                                        required: boolean;
                                        /**
                                         * @description `date` is an ISO 8601 calendar date, YYYY-MM-DD.
                                         * @enum {string}
                                         */
                                        type: "string" | "number" | "boolean" | "date";
                                    }[];
                                    /**
                                     * @description Whether sign-up takes a mobile number: `off` refuses one, `required` refuses sign-ups without one.
                                     * @enum {string}
                                     */
                                    mobile: "off" | "optional" | "required";
                                    require_email_verification: boolean;
                                    /**
                                     * @description Whether sign-up takes a username: `off` refuses one, `required` refuses sign-ups without one.
                                     * @enum {string}
                                     */
                                    username: "off" | "optional" | "required";
                                };
                                require_unique_emails: boolean;
                                /** @enum {string} */
                                username_validation: "standard" | "email";
                            };
                            version: number;
                            /** @description Allowed settings an operator should know about. */
                            warnings: string[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/v1/realms/{realm}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the realm's service-account API keys */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description What the key may do, e.g. `{ "read": "allow", "invoices:*": "deny" }` (an action, a verb, `ns:*` or `*`); answered at validate. */
                                capabilities: {
                                    [key: string]: "allow" | "deny";
                                };
                                /** Format: date-time */
                                created_at: string;
                                expires_at: string | null;
                                id: string;
                                last_used_at: string | null;
                                last_used_ip: string | null;
                                name: string;
                                /** @description `service`: a key of the realm itself (service account), not of a user. */
                                owner: "user" | "service";
                                /** @description How the key is kept: `encrypt` keys can be read back by operators. */
                                policy: "hash" | "encrypt";
                                service: string | null;
                                user_id: string | null;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create the realm's service-account API key (event api_key.created); `api_key` is shown only in this answer */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description What the key may do, e.g. `{ "read": "allow", "invoices:*": "deny" }` (an action, a verb, `ns:*` or `*`); answered at validate. */
                        capabilities?: {
                            [key: string]: "allow" | "deny";
                        };
                        expires_in_days?: number | null;
                        name: string;
                        service?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The key. Shown only now. */
                            api_key: string;
                            /** @description What the key may do, e.g. `{ "read": "allow", "invoices:*": "deny" }` (an action, a verb, `ns:*` or `*`); answered at validate. */
                            capabilities: {
                                [key: string]: "allow" | "deny";
                            };
                            /** Format: date-time */
                            created_at: string;
                            expires_at: string | null;
                            id: string;
                            last_used_at: string | null;
                            last_used_ip: string | null;
                            name: string;
                            /** @description `service`: a key of the realm itself (service account), not of a user. */
                            owner: "user" | "service";
                            /** @description How the key is kept: `encrypt` keys can be read back by operators. */
                            policy: "hash" | "encrypt";
                            service: string | null;
                            user_id: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke the realm's service-account API key (event api_key.revoked) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The key id (the part after the prefix). */
                    id: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/api-keys/{id}/retrieve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read back the realm's service-account API key kept under the `encrypt` policy (event api_key.retrieved) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The key id (the part after the prefix). */
                    id: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The key, read back (event api_key.retrieved). */
                            api_key: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List applications, oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Fixed at creation; decides the defaults and what is allowed. */
                    kind?: "spa" | "web" | "native" | "machine" | "device";
                    /** @description Page size (1-1000). */
                    limit?: number;
                    /** @description Applications whose name starts with this (any case). */
                    q?: string;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                access_token_audience: string | null;
                                access_token_minutes: number | null;
                                /** @description cors_origins plus, for an SPA, its redirect URIs' origins. */
                                allowed_cors_origins: string[];
                                backchannel_logout_uri: string | null;
                                client_id: string;
                                /**
                                 * @description implicit: a first-party application, never asked; required (default): the user agrees once.
                                 * @enum {string}
                                 */
                                consent: "implicit" | "required";
                                /** @description Browser origins allowed at the token endpoints (spa only); an SPA's redirect URIs' origins are always allowed. */
                                cors_origins: string[];
                                /** Format: date-time */
                                created_at: string;
                                /** @description A disabled application gets no tokens; disabling ends what it holds. */
                                enabled: boolean;
                                /** @description Origins allowed to frame the hosted pages for this application. */
                                frame_origins: string[];
                                /** @description Must fit the kind; defaults to the kind's. */
                                grant_types: ("authorization_code" | "refresh_token" | "client_credentials" | "urn:ietf:params:oauth:grant-type:device_code")[];
                                has_secret: boolean;
                                /** @description The client_id: the one identifier of an application. */
                                id: string;
                                jwks: {
                                    keys: {
                                        [key: string]: unknown;
                                    }[];
                                } | null;
                                jwks_uri: string | null;
                                /**
                                 * @description Fixed at creation; decides the defaults and what is allowed.
                                 * @enum {string}
                                 */
                                kind: "spa" | "web" | "native" | "machine" | "device";
                                logo_url: string | null;
                                name: string;
                                /** @description Where the browser may go after signing out; matched exactly. */
                                post_logout_redirect_uris: string[];
                                previous_secret_expires_at: string | null;
                                realm_id: string;
                                /** @description Matched exactly (no wildcards, no normalisation). https, http only on loopback; native apps may use a private-use scheme (com.example.app:/cb). */
                                redirect_uris: string[];
                                refresh_token_days: number | null;
                                /** @description Scopes the application may ask for. */
                                scopes: ("openid" | "profile" | "email" | "phone" | "offline_access")[];
                                /**
                                 * @description How the application authenticates at the token endpoint.
                                 * @enum {string}
                                 */
                                token_endpoint_auth_method: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                                /** Format: date-time */
                                updated_at: string;
                                version: number;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Register an application (a confidential one gets its client_secret in this answer only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        access_token_audience?: string | null;
                        access_token_minutes?: number | null;
                        backchannel_logout_uri?: string | null;
                        /**
                         * @description implicit: a first-party application, never asked; required (default): the user agrees once.
                         * @enum {string}
                         */
                        consent?: "implicit" | "required";
                        /** @description Browser origins allowed at the token endpoints (spa only); an SPA's redirect URIs' origins are always allowed. */
                        cors_origins?: string[];
                        /** @description A disabled application gets no tokens; disabling ends what it holds. */
                        enabled?: boolean;
                        /** @description Origins allowed to frame the hosted pages for this application. */
                        frame_origins?: string[];
                        /** @description Must fit the kind; defaults to the kind's. */
                        grant_types?: ("authorization_code" | "refresh_token" | "client_credentials" | "urn:ietf:params:oauth:grant-type:device_code")[];
                        jwks?: {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        } | null;
                        jwks_uri?: string | null;
                        /**
                         * @description Fixed at creation; decides the defaults and what is allowed.
                         * @enum {string}
                         */
                        kind: "spa" | "web" | "native" | "machine" | "device";
                        logo_url?: string | null;
                        name: string;
                        /** @description Where the browser may go after signing out; matched exactly. */
                        post_logout_redirect_uris?: string[];
                        /** @description Matched exactly (no wildcards, no normalisation). https, http only on loopback; native apps may use a private-use scheme (com.example.app:/cb). */
                        redirect_uris?: string[];
                        refresh_token_days?: number | null;
                        /** @description Scopes the application may ask for. */
                        scopes?: ("openid" | "profile" | "email" | "phone" | "offline_access")[];
                        /**
                         * @description How the application authenticates at the token endpoint.
                         * @enum {string}
                         */
                        token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token_audience: string | null;
                            access_token_minutes: number | null;
                            /** @description cors_origins plus, for an SPA, its redirect URIs' origins. */
                            allowed_cors_origins: string[];
                            backchannel_logout_uri: string | null;
                            client_id: string;
                            /** @description Shown this once: store it now. Never returned again. */
                            client_secret?: string;
                            /**
                             * @description implicit: a first-party application, never asked; required (default): the user agrees once.
                             * @enum {string}
                             */
                            consent: "implicit" | "required";
                            /** @description Browser origins allowed at the token endpoints (spa only); an SPA's redirect URIs' origins are always allowed. */
                            cors_origins: string[];
                            /** Format: date-time */
                            created_at: string;
                            /** @description A disabled application gets no tokens; disabling ends what it holds. */
                            enabled: boolean;
                            /** @description Origins allowed to frame the hosted pages for this application. */
                            frame_origins: string[];
                            /** @description Must fit the kind; defaults to the kind's. */
                            grant_types: ("authorization_code" | "refresh_token" | "client_credentials" | "urn:ietf:params:oauth:grant-type:device_code")[];
                            has_secret: boolean;
                            /** @description The client_id: the one identifier of an application. */
                            id: string;
                            jwks: {
                                keys: {
                                    [key: string]: unknown;
                                }[];
                            } | null;
                            jwks_uri: string | null;
                            /**
                             * @description Fixed at creation; decides the defaults and what is allowed.
                             * @enum {string}
                             */
                            kind: "spa" | "web" | "native" | "machine" | "device";
                            logo_url: string | null;
                            name: string;
                            /** @description Where the browser may go after signing out; matched exactly. */
                            post_logout_redirect_uris: string[];
                            previous_secret_expires_at: string | null;
                            realm_id: string;
                            /** @description Matched exactly (no wildcards, no normalisation). https, http only on loopback; native apps may use a private-use scheme (com.example.app:/cb). */
                            redirect_uris: string[];
                            refresh_token_days: number | null;
                            /** @description Scopes the application may ask for. */
                            scopes: ("openid" | "profile" | "email" | "phone" | "offline_access")[];
                            /**
                             * @description How the application authenticates at the token endpoint.
                             * @enum {string}
                             */
                            token_endpoint_auth_method: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/applications/{app}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an application (never its secret) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The application id (its client_id). */
                    app: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token_audience: string | null;
                            access_token_minutes: number | null;
                            /** @description cors_origins plus, for an SPA, its redirect URIs' origins. */
                            allowed_cors_origins: string[];
                            backchannel_logout_uri: string | null;
                            client_id: string;
                            /**
                             * @description implicit: a first-party application, never asked; required (default): the user agrees once.
                             * @enum {string}
                             */
                            consent: "implicit" | "required";
                            /** @description Browser origins allowed at the token endpoints (spa only); an SPA's redirect URIs' origins are always allowed. */
                            cors_origins: string[];
                            /** Format: date-time */
                            created_at: string;
                            /** @description A disabled application gets no tokens; disabling ends what it holds. */
                            enabled: boolean;
                            /** @description Origins allowed to frame the hosted pages for this application. */
                            frame_origins: string[];
                            /** @description Must fit the kind; defaults to the kind's. */
                            grant_types: ("authorization_code" | "refresh_token" | "client_credentials" | "urn:ietf:params:oauth:grant-type:device_code")[];
                            has_secret: boolean;
                            /** @description The client_id: the one identifier of an application. */
                            id: string;
                            jwks: {
                                keys: {
                                    [key: string]: unknown;
                                }[];
                            } | null;
                            jwks_uri: string | null;
                            /**
                             * @description Fixed at creation; decides the defaults and what is allowed.
                             * @enum {string}
                             */
                            kind: "spa" | "web" | "native" | "machine" | "device";
                            logo_url: string | null;
                            name: string;
                            /** @description Where the browser may go after signing out; matched exactly. */
                            post_logout_redirect_uris: string[];
                            previous_secret_expires_at: string | null;
                            realm_id: string;
                            /** @description Matched exactly (no wildcards, no normalisation). https, http only on loopback; native apps may use a private-use scheme (com.example.app:/cb). */
                            redirect_uris: string[];
                            refresh_token_days: number | null;
                            /** @description Scopes the application may ask for. */
                            scopes: ("openid" | "profile" | "email" | "phone" | "offline_access")[];
                            /**
                             * @description How the application authenticates at the token endpoint.
                             * @enum {string}
                             */
                            token_endpoint_auth_method: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an application, its consents and what it was issued */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The application id (its client_id). */
                    app: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change an application (only the fields given; a switch to a secret method answers the new secret once) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The application id (its client_id). */
                    app: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            /** @description Only the fields given change; the whole is checked again. */
            requestBody: {
                content: {
                    "application/json": {
                        access_token_audience?: string | null;
                        access_token_minutes?: number | null;
                        backchannel_logout_uri?: string | null;
                        /**
                         * @description implicit: a first-party application, never asked; required (default): the user agrees once.
                         * @enum {string}
                         */
                        consent?: "implicit" | "required";
                        /** @description Browser origins allowed at the token endpoints (spa only); an SPA's redirect URIs' origins are always allowed. */
                        cors_origins?: string[];
                        /** @description A disabled application gets no tokens; disabling ends what it holds. */
                        enabled?: boolean;
                        /** @description Origins allowed to frame the hosted pages for this application. */
                        frame_origins?: string[];
                        /** @description Must fit the kind; defaults to the kind's. */
                        grant_types?: ("authorization_code" | "refresh_token" | "client_credentials" | "urn:ietf:params:oauth:grant-type:device_code")[];
                        jwks?: {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        } | null;
                        jwks_uri?: string | null;
                        logo_url?: string | null;
                        name?: string;
                        /** @description Where the browser may go after signing out; matched exactly. */
                        post_logout_redirect_uris?: string[];
                        /** @description Matched exactly (no wildcards, no normalisation). https, http only on loopback; native apps may use a private-use scheme (com.example.app:/cb). */
                        redirect_uris?: string[];
                        refresh_token_days?: number | null;
                        /** @description Scopes the application may ask for. */
                        scopes?: ("openid" | "profile" | "email" | "phone" | "offline_access")[];
                        /**
                         * @description How the application authenticates at the token endpoint.
                         * @enum {string}
                         */
                        token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token_audience: string | null;
                            access_token_minutes: number | null;
                            /** @description cors_origins plus, for an SPA, its redirect URIs' origins. */
                            allowed_cors_origins: string[];
                            backchannel_logout_uri: string | null;
                            client_id: string;
                            /** @description Shown this once: store it now. Never returned again. */
                            client_secret?: string;
                            /**
                             * @description implicit: a first-party application, never asked; required (default): the user agrees once.
                             * @enum {string}
                             */
                            consent: "implicit" | "required";
                            /** @description Browser origins allowed at the token endpoints (spa only); an SPA's redirect URIs' origins are always allowed. */
                            cors_origins: string[];
                            /** Format: date-time */
                            created_at: string;
                            /** @description A disabled application gets no tokens; disabling ends what it holds. */
                            enabled: boolean;
                            /** @description Origins allowed to frame the hosted pages for this application. */
                            frame_origins: string[];
                            /** @description Must fit the kind; defaults to the kind's. */
                            grant_types: ("authorization_code" | "refresh_token" | "client_credentials" | "urn:ietf:params:oauth:grant-type:device_code")[];
                            has_secret: boolean;
                            /** @description The client_id: the one identifier of an application. */
                            id: string;
                            jwks: {
                                keys: {
                                    [key: string]: unknown;
                                }[];
                            } | null;
                            jwks_uri: string | null;
                            /**
                             * @description Fixed at creation; decides the defaults and what is allowed.
                             * @enum {string}
                             */
                            kind: "spa" | "web" | "native" | "machine" | "device";
                            logo_url: string | null;
                            name: string;
                            /** @description Where the browser may go after signing out; matched exactly. */
                            post_logout_redirect_uris: string[];
                            previous_secret_expires_at: string | null;
                            realm_id: string;
                            /** @description Matched exactly (no wildcards, no normalisation). https, http only on loopback; native apps may use a private-use scheme (com.example.app:/cb). */
                            redirect_uris: string[];
                            refresh_token_days: number | null;
                            /** @description Scopes the application may ask for. */
                            scopes: ("openid" | "profile" | "email" | "phone" | "offline_access")[];
                            /**
                             * @description How the application authenticates at the token endpoint.
                             * @enum {string}
                             */
                            token_endpoint_auth_method: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/v1/realms/{realm}/applications/{app}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the client secret (the new one is in this answer only; the old one verifies through grace_seconds) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The application id (its client_id). */
                    app: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description How long the replaced secret keeps verifying (default one hour, at most 30 days). Only one previous secret is kept.
                         * @default 3600
                         */
                        grace_seconds?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token_audience: string | null;
                            access_token_minutes: number | null;
                            /** @description cors_origins plus, for an SPA, its redirect URIs' origins. */
                            allowed_cors_origins: string[];
                            backchannel_logout_uri: string | null;
                            client_id: string;
                            /** @description Shown this once: store it now. Never returned again. */
                            client_secret?: string;
                            /**
                             * @description implicit: a first-party application, never asked; required (default): the user agrees once.
                             * @enum {string}
                             */
                            consent: "implicit" | "required";
                            /** @description Browser origins allowed at the token endpoints (spa only); an SPA's redirect URIs' origins are always allowed. */
                            cors_origins: string[];
                            /** Format: date-time */
                            created_at: string;
                            /** @description A disabled application gets no tokens; disabling ends what it holds. */
                            enabled: boolean;
                            /** @description Origins allowed to frame the hosted pages for this application. */
                            frame_origins: string[];
                            /** @description Must fit the kind; defaults to the kind's. */
                            grant_types: ("authorization_code" | "refresh_token" | "client_credentials" | "urn:ietf:params:oauth:grant-type:device_code")[];
                            has_secret: boolean;
                            /** @description The client_id: the one identifier of an application. */
                            id: string;
                            jwks: {
                                keys: {
                                    [key: string]: unknown;
                                }[];
                            } | null;
                            jwks_uri: string | null;
                            /**
                             * @description Fixed at creation; decides the defaults and what is allowed.
                             * @enum {string}
                             */
                            kind: "spa" | "web" | "native" | "machine" | "device";
                            logo_url: string | null;
                            name: string;
                            /** @description Where the browser may go after signing out; matched exactly. */
                            post_logout_redirect_uris: string[];
                            previous_secret_expires_at: string | null;
                            realm_id: string;
                            /** @description Matched exactly (no wildcards, no normalisation). https, http only on loopback; native apps may use a private-use scheme (com.example.app:/cb). */
                            redirect_uris: string[];
                            refresh_token_days: number | null;
                            /** @description Scopes the application may ask for. */
                            scopes: ("openid" | "profile" | "email" | "phone" | "offline_access")[];
                            /**
                             * @description How the application authenticates at the token endpoint.
                             * @enum {string}
                             */
                            token_endpoint_auth_method: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/branding/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Preview the realm's sign-in page with a change of its name, logo, branding or localisation, without saving it */
        post: {
            parameters: {
                query?: {
                    /** @description The language to show; by default the one the realm’s pages would choose for this request. */
                    locale?: "en" | "de" | "fr" | "es";
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            /** @description Merged over the realm’s saved settings as a PATCH would be; nothing is saved. */
            requestBody: {
                content: {
                    "application/json": {
                        branding?: {
                            /** @description Each palette is given whole. Null: Keyrealm’s colours. A light palette without a dark one is used in both colour schemes. */
                            colours?: {
                                dark?: {
                                    /** @description #rrggbb */
                                    background: string;
                                    /** @description #rrggbb */
                                    primary: string;
                                    /** @description #rrggbb */
                                    primary_text: string;
                                    /** @description #rrggbb */
                                    surface: string;
                                    /** @description #rrggbb */
                                    text: string;
                                } | null;
                                light?: {
                                    /** @description #rrggbb */
                                    background: string;
                                    /** @description #rrggbb */
                                    primary: string;
                                    /** @description #rrggbb */
                                    primary_text: string;
                                    /** @description #rrggbb */
                                    surface: string;
                                    /** @description #rrggbb */
                                    text: string;
                                } | null;
                            };
                            /** @description Exact origins (https, http only on loopback) allowed to show the pages in a frame. Empty: no one may. */
                            frame_ancestors?: string[];
                            layout?: {
                                /**
                                 * @description Rounding of the card, fields and buttons.
                                 * @enum {string}
                                 */
                                corner_radius?: "small" | "medium" | "large";
                                /**
                                 * @description Logo and name at the start of the line, or centred.
                                 * @enum {string}
                                 */
                                logo_position?: "start" | "center";
                                /**
                                 * @description `card`: the page on a card over the background; `full_bleed`: the page fills the window in the surface colour.
                                 * @enum {string}
                                 */
                                style?: "card" | "full_bleed";
                            };
                            stylesheet?: string | null;
                        };
                        localisation?: {
                            /**
                             * @description The pages’ language when neither ui_locales nor Accept-Language names a shipped one.
                             * @enum {string}
                             */
                            default_locale?: "en" | "de" | "fr" | "es";
                            /** @description Per language, per message key (docs/pages.md): plain text replacing the shipped string. Replaced whole. */
                            overrides?: {
                                de?: {
                                    [key: string]: string;
                                };
                                en?: {
                                    [key: string]: string;
                                };
                                es?: {
                                    [key: string]: string;
                                };
                                fr?: {
                                    [key: string]: string;
                                };
                            };
                        };
                        public_info?: {
                            description?: string | null;
                            display_name?: string | null;
                            logo_url?: string | null;
                        };
                    };
                };
            };
            responses: {
                /** @description The sign-in page as text/html, with the headers (Content-Security-Policy, framing) it would be served with. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a realm's events, newest first */
        get: {
            parameters: {
                query?: {
                    code?: number;
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                    /** @description ISO 8601 date-time; events at or after it. */
                    since?: string;
                    type?: string;
                    /** @description ISO 8601 date-time; events before it. */
                    until?: string;
                    /** @description A user id. */
                    user?: string;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                actor: {
                                    id: string | null;
                                    type: "operator" | "application" | "user" | "system";
                                };
                                /** Format: date-time */
                                at: string;
                                code: number | null;
                                /** @description What the event is about; never secrets. */
                                details: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                ip: string | null;
                                realm_id: string;
                                /** @description e.g. user.created, user.login.failed; see docs/events.md */
                                type: string;
                                user_agent: string | null;
                                user_id: string | null;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Follow a realm's events live (Server-Sent Events) */
        get: {
            parameters: {
                query?: {
                    code?: number;
                    /** @description Resume just after this event (for clients that cannot send the Last-Event-ID header). */
                    last_event_id?: string;
                    /** @description ISO 8601 date-time; events at or after it. */
                    since?: string;
                    type?: string;
                    /** @description ISO 8601 date-time; events before it. */
                    until?: string;
                    /** @description A user id. */
                    user?: string;
                };
                header?: {
                    /** @description Resume just after this event; EventSource sends it when it reconnects. */
                    "last-event-id"?: string;
                };
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Server-Sent Events: one message per event (`id:` the event id, `event:` its type, `data:` the event as the list gives it), oldest first, and a `: keep-alive` comment between them. Ends when the access token expires or the server shuts down. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the realm as one JSON document, streamed
         * @description Settings, templates, roles, tenants, applications, identity providers and users with their password hashes, passkeys, roles, memberships and linked identities. With the keyrealm-export-passphrase header (at least 12 characters; operators of every realm only), also the signing keys, second-factor seeds and identity providers' secrets, sealed under it.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The realm document (docs/import-export.md). */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/identity-providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List identity providers in their sign-in page order */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                allowed_email_domains: string[];
                                authorize_params: {
                                    [key: string]: string;
                                };
                                /** Format: date-time */
                                created_at: string;
                                display_name: string;
                                enabled: boolean;
                                first_sign_in: string;
                                icon_url: string | null;
                                /** @description idp_… */
                                id: string;
                                /** @enum {string} */
                                kind: "oidc" | "oauth2" | "saml";
                                link_by_email: boolean;
                                mapping: {
                                    custom: {
                                        [key: string]: string;
                                    };
                                    fields: {
                                        [key: string]: string;
                                    };
                                    roles: {
                                        /** @description With `value`: only users whose claim (or SAML attribute) equals `value`, or lists it, get the role. */
                                        claim?: string;
                                        /** @description A role of the realm, by slug. */
                                        role: string;
                                        value?: string;
                                    }[];
                                    tags: string[];
                                };
                                position: number;
                                preset: string | null;
                                prompt: string | null;
                                /** @description The kind’s settings, as stored (no secret). */
                                protocol: {
                                    [key: string]: unknown;
                                };
                                realm_id: string;
                                satisfies_mfa: boolean;
                                scopes: string[];
                                secret_set: boolean;
                                slug: string;
                                sync_on_sign_in: boolean;
                                trust_email: boolean;
                                /** Format: date-time */
                                updated_at: string;
                                version: number;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Add an identity provider (a preset, or OpenID Connect, OAuth 2.0 or SAML settings) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Only addresses of these domains may sign in (empty: any). */
                        allowed_email_domains?: string[];
                        authorize_params?: {
                            [key: string]: string;
                        };
                        /** @description Write-only: sealed, never shown again. */
                        client_secret?: string;
                        /** @description Shown on the sign-in page’s button. */
                        display_name: string;
                        enabled?: boolean;
                        /** @enum {string} */
                        first_sign_in?: "create" | "link" | "refuse";
                        icon_url?: string | null;
                        /** @description A first sign-in may link to an existing account with the same verified address (needs trust_email; default false). */
                        link_by_email?: boolean;
                        mapping?: {
                            /** @description `custom` key → claim or attribute. */
                            custom?: {
                                [key: string]: string;
                            };
                            fields?: {
                                /** @description The claim or attribute that gives the user's display_name. */
                                display_name?: string;
                                /** @description The claim or attribute that gives the user's first_name. */
                                first_name?: string;
                                /** @description The claim or attribute that gives the user's last_name. */
                                last_name?: string;
                                /** @description The claim or attribute that gives the user's locale. */
                                locale?: string;
                                /** @description The claim or attribute that gives the user's picture. */
                                picture?: string;
                                /** @description The claim or attribute that gives the user's username. */
                                username?: string;
                            };
                            /** @description Roles of the realm its users get (added, never taken away by a sign-in). */
                            roles?: {
                                /** @description With `value`: only users whose claim (or SAML attribute) equals `value`, or lists it, get the role. */
                                claim?: string;
                                /** @description A role of the realm, by slug. */
                                role: string;
                                value?: string;
                            }[];
                            /** @description Tags every user of this provider gets. */
                            tags?: string[];
                        };
                        oauth2?: {
                            /** @description Authorization endpoint the browser is sent to. */
                            authorization_url: string;
                            claims: {
                                /** @description Path of the e-mail address. */
                                email?: string;
                                /** @description Path of a true (or "true") saying the provider verified the address; without it no address counts as verified. */
                                email_verified?: string;
                                /** @description Path of the family name. */
                                family_name?: string;
                                /** @description Path of the given name. */
                                given_name?: string;
                                /** @description Path of the display name. */
                                name?: string;
                                /** @description Path of the picture URL. */
                                picture?: string;
                                /** @description Dotted path of the stable account id in the profile (GitHub: id). */
                                subject: string;
                            };
                            client_id: string;
                            /** @description The provider declares authorization_response_iss_parameter_supported: a callback without `iss` is refused. */
                            iss_parameter_required?: boolean;
                            /** @description The provider's issuer identifier (RFC 8414), when it has one: an `iss` in the callback must equal it. */
                            issuer?: string;
                            /** @description Send an S256 PKCE challenge (RFC 7636); on unless set to false for a provider that refuses one. */
                            pkce?: boolean;
                            /** @description Endpoint answering the account as a JSON object for the access token. */
                            profile_url: string;
                            /** @description How the client authenticates at the token endpoint; client_secret_basic when unset. */
                            token_auth?: "client_secret_basic" | "client_secret_post";
                            /** @description Token endpoint the code is exchanged at. */
                            token_url: string;
                        };
                        oidc?: {
                            /** @description The client (application) id registered at the provider. */
                            client_id: string;
                            /** @description The issuer; its discovery document is read from `{issuer}/.well-known/openid-configuration`, and ID tokens must name it exactly. */
                            issuer: string;
                            /** @enum {string} */
                            response_mode?: "query" | "form_post";
                            /** @enum {string} */
                            token_auth?: "client_secret_basic" | "client_secret_post" | "none";
                        };
                        /** @description Order on the sign-in page, smallest first. */
                        position?: number;
                        /** @enum {string} */
                        preset?: "google" | "microsoft" | "apple" | "github" | "gitlab" | "facebook" | "linkedin" | "discord" | "slack";
                        preset_settings?: {
                            /** @description GitLab: a self-hosted instance (default https://gitlab.com). */
                            base_url?: string;
                            /** @description The client (application) id registered at the provider. */
                            client_id: string;
                            /** @description Apple: the Sign in with Apple key id (its private key goes in `private_key`). */
                            key_id?: string;
                            /** @description Apple: the team id. */
                            team_id?: string;
                            /** @description Microsoft: common, organizations, consumers or the directory (tenant) id. */
                            tenant?: string;
                        };
                        /** @description Write-only PEM private key (Apple; a SAML SP that signs requests). */
                        private_key?: string;
                        prompt?: ("none" | "login" | "consent" | "select_account") | null;
                        saml?: {
                            /** @description Attribute names holding these fields. */
                            attributes?: {
                                email?: string;
                                family_name?: string;
                                given_name?: string;
                                name?: string;
                            };
                            /** @description The IdP signing certificates, PEM or base64 DER (without metadata). */
                            certificates?: string[];
                            /** @description The IdP entity id (without metadata). */
                            entity_id?: string;
                            /** @description Where the IdP publishes its metadata. */
                            metadata_url?: string;
                            /** @description The IdP metadata document. */
                            metadata_xml?: string;
                            /** @description Sign AuthnRequests with `private_key` (default false). */
                            sign_requests?: boolean;
                            /** @description The IdP single sign-on URL, HTTP-Redirect binding (without metadata). */
                            sso_url?: string;
                        };
                        /** @description A sign-in through this provider counts as multi-factor. */
                        satisfies_mfa?: boolean;
                        scopes?: string[];
                        /** @description Unique in the realm: lower-case letters, digits and hyphens; in the sign-in and callback URLs. */
                        slug: string;
                        /** @description Write mapped fields at every sign-in, not only at account creation. */
                        sync_on_sign_in?: boolean;
                        /** @description The provider’s "verified" on an address counts (default false). */
                        trust_email?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowed_email_domains: string[];
                            authorize_params: {
                                [key: string]: string;
                            };
                            /** Format: date-time */
                            created_at: string;
                            display_name: string;
                            enabled: boolean;
                            first_sign_in: string;
                            icon_url: string | null;
                            /** @description idp_… */
                            id: string;
                            /** @enum {string} */
                            kind: "oidc" | "oauth2" | "saml";
                            link_by_email: boolean;
                            mapping: {
                                custom: {
                                    [key: string]: string;
                                };
                                fields: {
                                    [key: string]: string;
                                };
                                roles: {
                                    /** @description With `value`: only users whose claim (or SAML attribute) equals `value`, or lists it, get the role. */
                                    claim?: string;
                                    /** @description A role of the realm, by slug. */
                                    role: string;
                                    value?: string;
                                }[];
                                tags: string[];
                            };
                            position: number;
                            preset: string | null;
                            prompt: string | null;
                            /** @description The kind’s settings, as stored (no secret). */
                            protocol: {
                                [key: string]: unknown;
                            };
                            realm_id: string;
                            satisfies_mfa: boolean;
                            scopes: string[];
                            secret_set: boolean;
                            slug: string;
                            sync_on_sign_in: boolean;
                            trust_email: boolean;
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/identity-providers/{idp}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an identity provider */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Identity provider id or slug. */
                    idp: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowed_email_domains: string[];
                            authorize_params: {
                                [key: string]: string;
                            };
                            /** Format: date-time */
                            created_at: string;
                            display_name: string;
                            enabled: boolean;
                            first_sign_in: string;
                            icon_url: string | null;
                            /** @description idp_… */
                            id: string;
                            /** @enum {string} */
                            kind: "oidc" | "oauth2" | "saml";
                            link_by_email: boolean;
                            mapping: {
                                custom: {
                                    [key: string]: string;
                                };
                                fields: {
                                    [key: string]: string;
                                };
                                roles: {
                                    /** @description With `value`: only users whose claim (or SAML attribute) equals `value`, or lists it, get the role. */
                                    claim?: string;
                                    /** @description A role of the realm, by slug. */
                                    role: string;
                                    value?: string;
                                }[];
                                tags: string[];
                            };
                            position: number;
                            preset: string | null;
                            prompt: string | null;
                            /** @description The kind’s settings, as stored (no secret). */
                            protocol: {
                                [key: string]: unknown;
                            };
                            realm_id: string;
                            satisfies_mfa: boolean;
                            scopes: string[];
                            secret_set: boolean;
                            slug: string;
                            sync_on_sign_in: boolean;
                            trust_email: boolean;
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an identity provider and the accounts linked through it */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Identity provider id or slug. */
                    idp: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change an identity provider (only the fields given) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Identity provider id or slug. */
                    idp: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            /** @description Only the fields given change; a protocol part given replaces the stored one whole. */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Only addresses of these domains may sign in (empty: any). */
                        allowed_email_domains?: string[];
                        authorize_params?: {
                            [key: string]: string;
                        };
                        /** @description Write-only: sealed, never shown again. */
                        client_secret?: string;
                        /** @description Shown on the sign-in page’s button. */
                        display_name?: string;
                        enabled?: boolean;
                        /** @enum {string} */
                        first_sign_in?: "create" | "link" | "refuse";
                        icon_url?: string | null;
                        /** @description A first sign-in may link to an existing account with the same verified address (needs trust_email; default false). */
                        link_by_email?: boolean;
                        mapping?: {
                            /** @description `custom` key → claim or attribute. */
                            custom?: {
                                [key: string]: string;
                            };
                            fields?: {
                                /** @description The claim or attribute that gives the user's display_name. */
                                display_name?: string;
                                /** @description The claim or attribute that gives the user's first_name. */
                                first_name?: string;
                                /** @description The claim or attribute that gives the user's last_name. */
                                last_name?: string;
                                /** @description The claim or attribute that gives the user's locale. */
                                locale?: string;
                                /** @description The claim or attribute that gives the user's picture. */
                                picture?: string;
                                /** @description The claim or attribute that gives the user's username. */
                                username?: string;
                            };
                            /** @description Roles of the realm its users get (added, never taken away by a sign-in). */
                            roles?: {
                                /** @description With `value`: only users whose claim (or SAML attribute) equals `value`, or lists it, get the role. */
                                claim?: string;
                                /** @description A role of the realm, by slug. */
                                role: string;
                                value?: string;
                            }[];
                            /** @description Tags every user of this provider gets. */
                            tags?: string[];
                        };
                        oauth2?: {
                            /** @description Authorization endpoint the browser is sent to. */
                            authorization_url: string;
                            claims: {
                                /** @description Path of the e-mail address. */
                                email?: string;
                                /** @description Path of a true (or "true") saying the provider verified the address; without it no address counts as verified. */
                                email_verified?: string;
                                /** @description Path of the family name. */
                                family_name?: string;
                                /** @description Path of the given name. */
                                given_name?: string;
                                /** @description Path of the display name. */
                                name?: string;
                                /** @description Path of the picture URL. */
                                picture?: string;
                                /** @description Dotted path of the stable account id in the profile (GitHub: id). */
                                subject: string;
                            };
                            client_id: string;
                            /** @description The provider declares authorization_response_iss_parameter_supported: a callback without `iss` is refused. */
                            iss_parameter_required?: boolean;
                            /** @description The provider's issuer identifier (RFC 8414), when it has one: an `iss` in the callback must equal it. */
                            issuer?: string;
                            /** @description Send an S256 PKCE challenge (RFC 7636); on unless set to false for a provider that refuses one. */
                            pkce?: boolean;
                            /** @description Endpoint answering the account as a JSON object for the access token. */
                            profile_url: string;
                            /** @description How the client authenticates at the token endpoint; client_secret_basic when unset. */
                            token_auth?: "client_secret_basic" | "client_secret_post";
                            /** @description Token endpoint the code is exchanged at. */
                            token_url: string;
                        };
                        oidc?: {
                            /** @description The client (application) id registered at the provider. */
                            client_id: string;
                            /** @description The issuer; its discovery document is read from `{issuer}/.well-known/openid-configuration`, and ID tokens must name it exactly. */
                            issuer: string;
                            /** @enum {string} */
                            response_mode?: "query" | "form_post";
                            /** @enum {string} */
                            token_auth?: "client_secret_basic" | "client_secret_post" | "none";
                        };
                        /** @description Order on the sign-in page, smallest first. */
                        position?: number;
                        /** @enum {string} */
                        preset?: "google" | "microsoft" | "apple" | "github" | "gitlab" | "facebook" | "linkedin" | "discord" | "slack";
                        preset_settings?: {
                            /** @description GitLab: a self-hosted instance (default https://gitlab.com). */
                            base_url?: string;
                            /** @description The client (application) id registered at the provider. */
                            client_id: string;
                            /** @description Apple: the Sign in with Apple key id (its private key goes in `private_key`). */
                            key_id?: string;
                            /** @description Apple: the team id. */
                            team_id?: string;
                            /** @description Microsoft: common, organizations, consumers or the directory (tenant) id. */
                            tenant?: string;
                        };
                        /** @description Write-only PEM private key (Apple; a SAML SP that signs requests). */
                        private_key?: string;
                        prompt?: ("none" | "login" | "consent" | "select_account") | null;
                        saml?: {
                            /** @description Attribute names holding these fields. */
                            attributes?: {
                                email?: string;
                                family_name?: string;
                                given_name?: string;
                                name?: string;
                            };
                            /** @description The IdP signing certificates, PEM or base64 DER (without metadata). */
                            certificates?: string[];
                            /** @description The IdP entity id (without metadata). */
                            entity_id?: string;
                            /** @description Where the IdP publishes its metadata. */
                            metadata_url?: string;
                            /** @description The IdP metadata document. */
                            metadata_xml?: string;
                            /** @description Sign AuthnRequests with `private_key` (default false). */
                            sign_requests?: boolean;
                            /** @description The IdP single sign-on URL, HTTP-Redirect binding (without metadata). */
                            sso_url?: string;
                        };
                        /** @description A sign-in through this provider counts as multi-factor. */
                        satisfies_mfa?: boolean;
                        scopes?: string[];
                        /** @description Unique in the realm: lower-case letters, digits and hyphens; in the sign-in and callback URLs. */
                        slug?: string;
                        /** @description Write mapped fields at every sign-in, not only at account creation. */
                        sync_on_sign_in?: boolean;
                        /** @description The provider’s "verified" on an address counts (default false). */
                        trust_email?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowed_email_domains: string[];
                            authorize_params: {
                                [key: string]: string;
                            };
                            /** Format: date-time */
                            created_at: string;
                            display_name: string;
                            enabled: boolean;
                            first_sign_in: string;
                            icon_url: string | null;
                            /** @description idp_… */
                            id: string;
                            /** @enum {string} */
                            kind: "oidc" | "oauth2" | "saml";
                            link_by_email: boolean;
                            mapping: {
                                custom: {
                                    [key: string]: string;
                                };
                                fields: {
                                    [key: string]: string;
                                };
                                roles: {
                                    /** @description With `value`: only users whose claim (or SAML attribute) equals `value`, or lists it, get the role. */
                                    claim?: string;
                                    /** @description A role of the realm, by slug. */
                                    role: string;
                                    value?: string;
                                }[];
                                tags: string[];
                            };
                            position: number;
                            preset: string | null;
                            prompt: string | null;
                            /** @description The kind’s settings, as stored (no secret). */
                            protocol: {
                                [key: string]: unknown;
                            };
                            realm_id: string;
                            satisfies_mfa: boolean;
                            scopes: string[];
                            secret_set: boolean;
                            slug: string;
                            sync_on_sign_in: boolean;
                            trust_email: boolean;
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/v1/realms/{realm}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a realm's signing keys (metadata only), newest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * @description Signing algorithm; changing it rotates the keys.
                                 * @enum {string}
                                 */
                                algorithm: "ES256" | "EdDSA" | "RS256" | "HS256";
                                /** Format: date-time */
                                created_at: string;
                                kid: string;
                                retired_at: string | null;
                                /** @enum {string} */
                                state: "active" | "retired";
                                verify_until: string | null;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/keys/{kid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a retired signing key at once: tokens it signed stop verifying in the server (the active key is refused: rotate first) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The key id (`kid`). */
                    kid: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate a realm's signing key; the old key verifies until its tokens have expired */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * @description Signing algorithm; changing it rotates the keys.
                                 * @enum {string}
                                 */
                                algorithm: "ES256" | "EdDSA" | "RS256" | "HS256";
                                /** Format: date-time */
                                created_at: string;
                                kid: string;
                                retired_at: string | null;
                                /** @enum {string} */
                                state: "active" | "retired";
                                verify_until: string | null;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a realm's outgoing messages, newest first */
        get: {
            parameters: {
                query?: {
                    channel?: "email" | "sms";
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                    status?: "pending" | "sending" | "sent" | "failed";
                    /** @description The exact recipient address (an E.164 phone number for SMS). */
                    to?: string;
                    /** @description A message type, e.g. verify_email. */
                    type?: string;
                    /** @description Messages about this user. */
                    user_id?: string;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description Sending attempts so far. */
                                attempts: number;
                                /** @enum {string} */
                                channel: "email" | "sms";
                                /** Format: date-time */
                                created_at: string;
                                id: string;
                                last_error: string | null;
                                next_attempt_at: string | null;
                                sent_at: string | null;
                                /** @enum {string} */
                                status: "pending" | "sending" | "sent" | "failed";
                                /** @description An email address, or an E.164 phone number for SMS. */
                                to: string;
                                /** @description See docs/email.md for the types. */
                                type: string;
                                user_id: string | null;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/messages/{message}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one message: its status, attempts and last error */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Message id (msg_…). */
                    message: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Sending attempts so far. */
                            attempts: number;
                            /** @enum {string} */
                            channel: "email" | "sms";
                            /** Format: date-time */
                            created_at: string;
                            id: string;
                            last_error: string | null;
                            next_attempt_at: string | null;
                            sent_at: string | null;
                            /** @enum {string} */
                            status: "pending" | "sending" | "sent" | "failed";
                            /** @description An email address, or an E.164 phone number for SMS. */
                            to: string;
                            /** @description See docs/email.md for the types. */
                            type: string;
                            user_id: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/messages/{message}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a failed message again, now (not when its link or code was discarded) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Message id (msg_…). */
                    message: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Sending attempts so far. */
                            attempts: number;
                            /** @enum {string} */
                            channel: "email" | "sms";
                            /** Format: date-time */
                            created_at: string;
                            id: string;
                            last_error: string | null;
                            next_attempt_at: string | null;
                            sent_at: string | null;
                            /** @enum {string} */
                            status: "pending" | "sending" | "sent" | "failed";
                            /** @description An email address, or an E.164 phone number for SMS. */
                            to: string;
                            /** @description See docs/email.md for the types. */
                            type: string;
                            user_id: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A realm at a glance: its users, today's sign-ins and the newest events */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The 10 newest events, newest first, as GET …/events lists them. */
                            last_events: {
                                actor: {
                                    id: string | null;
                                    type: "operator" | "application" | "user" | "system";
                                };
                                /** Format: date-time */
                                at: string;
                                code: number | null;
                                /** @description What the event is about; never secrets. */
                                details: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                ip: string | null;
                                realm_id: string;
                                /** @description e.g. user.created, user.login.failed; see docs/events.md */
                                type: string;
                                user_agent: string | null;
                                user_id: string | null;
                            }[];
                            /** @description Today is since 00:00 UTC by the server's clock. */
                            sign_ins: {
                                /** @description Refused sign-in steps (user.login.failed) and failed identity-provider sign-ins (identity_provider.sign_in_failed) since 00:00 UTC. */
                                failed_today: number;
                                /** @description Successful sign-ins (user.login.succeeded, every method) since 00:00 UTC. */
                                today: number;
                            };
                            /** @description active + inactive = total. */
                            users: {
                                /** @description Users in state active. */
                                active: number;
                                /** @description Users in state inactive. */
                                inactive: number;
                                /** @description Locked users, active or inactive. */
                                locked: number;
                                /** @description Users of the realm (deleted ones are gone). */
                                total: number;
                            };
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the realm's policy modules */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                created_at: string;
                                module: string;
                                policy_count: number;
                                /** Format: date-time */
                                updated_at: string;
                                updated_by: string | null;
                                /** @description 1 when created, one more at every save. */
                                version: number;
                            }[];
                            next_cursor: null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/policies/{module}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a policy module */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The module name: a-z, 0-9, ".", "_", "-". */
                    module: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            module: string;
                            policy: string;
                            policy_count: number;
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string | null;
                            /** @description 1 when created, one more at every save. */
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Create or replace a policy module (400 policy.invalid gives each error’s line and column) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The module name: a-z, 0-9, ".", "_", "-". */
                    module: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Cedar policy text (at most 200 policies; checked and validated against the realm's schema). */
                        policy: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            module: string;
                            policy: string;
                            policy_count: number;
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string | null;
                            /** @description 1 when created, one more at every save. */
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Delete a policy module */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The module name: a-z, 0-9, ".", "_", "-". */
                    module: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reset a realm: delete its users, sessions and events in the background, keeping its settings (the body is optional) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Delete the event log (default true). */
                        events?: boolean;
                        /** @description Delete the users (default true). */
                        users?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            api_keys: {
                                /** @enum {string} */
                                policy: "hash" | "encrypt";
                                prefix: string | null;
                                token_minutes: number;
                            };
                            branding: {
                                colours: {
                                    dark: {
                                        /** @description #rrggbb */
                                        background: string;
                                        /** @description #rrggbb */
                                        primary: string;
                                        /** @description #rrggbb */
                                        primary_text: string;
                                        /** @description #rrggbb */
                                        surface: string;
                                        /** @description #rrggbb */
                                        text: string;
                                    } | null;
                                    light: {
                                        /** @description #rrggbb */
                                        background: string;
                                        /** @description #rrggbb */
                                        primary: string;
                                        /** @description #rrggbb */
                                        primary_text: string;
                                        /** @description #rrggbb */
                                        surface: string;
                                        /** @description #rrggbb */
                                        text: string;
                                    } | null;
                                };
                                frame_ancestors: string[];
                                layout: {
                                    /** @enum {string} */
                                    corner_radius: "small" | "medium" | "large";
                                    /** @enum {string} */
                                    logo_position: "start" | "center";
                                    /** @enum {string} */
                                    style: "card" | "full_bleed";
                                };
                                stylesheet: string | null;
                            };
                            brute_force: {
                                delay_after: number;
                                enabled: boolean;
                                lock_after: number;
                                lock_minutes: number;
                                permanent_after: number;
                            };
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            /** @description Present unless a list was asked for without expand=custom. */
                            custom?: {
                                [key: string]: unknown;
                            };
                            email: {
                                from_address: string | null;
                                from_name: string | null;
                                reset_password_url: string | null;
                                verify_email_url: string | null;
                            };
                            id: string;
                            /** @description The built-in admin realm of operators. */
                            is_system: boolean;
                            localisation: {
                                /** @enum {string} */
                                default_locale: "en" | "de" | "fr" | "es";
                                overrides: {
                                    de?: {
                                        [key: string]: string;
                                    };
                                    en?: {
                                        [key: string]: string;
                                    };
                                    es?: {
                                        [key: string]: string;
                                    };
                                    fr?: {
                                        [key: string]: string;
                                    };
                                };
                            };
                            name: string;
                            passkeys: {
                                allowed_origins: string[];
                                /** @enum {string} */
                                attestation: "none" | "direct";
                                rp_id: string | null;
                                rp_name: string | null;
                                /** @enum {string} */
                                user_verification: "required" | "preferred";
                            };
                            password_policy: {
                                block_common: boolean;
                                block_context: boolean;
                                breached: {
                                    enabled: boolean;
                                    /**
                                     * @description What to do with a password when the breach range service cannot be reached.
                                     * @enum {string}
                                     */
                                    on_unavailable: "allow" | "refuse";
                                    range_url: string;
                                };
                                max_length: number;
                                min_length: number;
                            };
                            public_info: {
                                description: string | null;
                                display_name: string | null;
                                logo_url: string | null;
                            };
                            reference: string | null;
                            resource_links: {
                                /** @enum {string} */
                                resource: "user" | "tenant";
                                title: string;
                                /** @description http(s); may use {{id}}, {{reference}}, {{realm_id}}. */
                                url: string;
                            }[];
                            roles: {
                                default: string[];
                            };
                            sign_in: {
                                first_factors: string[];
                                /** @enum {string} */
                                mfa: "off" | "optional" | "required";
                                otp: {
                                    length: number;
                                    max_attempts: number;
                                    ttl_minutes: number;
                                };
                                second_factors: string[];
                            };
                            slug: string;
                            /**
                             * @description An inactive realm refuses sign-in; its sessions end and its tokens stop validating.
                             * @enum {string}
                             */
                            state: "active" | "inactive";
                            /** @description Where users’ tokens live (flespi subaccount policy). Cannot change while the realm has users. */
                            tenant_policy: {
                                /** @enum {string} */
                                type: "current";
                            } | {
                                tenant: string;
                                /** @enum {string} */
                                type: "selected";
                            } | {
                                /** @enum {string} */
                                type: "auto_created";
                            };
                            tokens: {
                                access_claim: boolean;
                                access_token_minutes: number;
                                /**
                                 * @description Signing algorithm; changing it rotates the keys.
                                 * @enum {string}
                                 */
                                algorithm: "ES256" | "EdDSA" | "RS256" | "HS256";
                                claims: string[];
                                default_access: {
                                    /** @enum {string} */
                                    type: "standard";
                                } | {
                                    /** @enum {string} */
                                    type: "master";
                                } | {
                                    acl: {
                                        methods: string[];
                                        uri: string;
                                    }[];
                                    /** @enum {string} */
                                    type: "acl";
                                };
                                refresh_reuse_interval_seconds: number;
                                refresh_token_days: number;
                                reset_token_minutes: number;
                                /** @enum {string} */
                                session_type: "managed" | "unmanaged";
                                unmanaged_token_minutes: number;
                                verification_token_hours: number;
                            };
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string | null;
                            users: {
                                registration: {
                                    enabled: boolean;
                                    fields: {
                                        label?: string | null;
                                        max_length: number | null;
                                        /** @description Key in the user’s `custom`. */
                                        name: string;
                                        required: boolean;
                                        /**
                                         * @description `date` is an ISO 8601 calendar date, YYYY-MM-DD.
                                         * @enum {string}
                                         */
                                        type: "string" | "number" | "boolean" | "date";
                                    }[];
                                    /**
                                     * @description Whether sign-up takes a mobile number: `off` refuses one, `required` refuses sign-ups without one.
                                     * @enum {string}
                                     */
                                    mobile: "off" | "optional" | "required";
                                    require_email_verification: boolean;
                                    /**
                                     * @description Whether sign-up takes a username: `off` refuses one, `required` refuses sign-ups without one.
                                     * @enum {string}
                                     */
                                    username: "off" | "optional" | "required";
                                };
                                require_unique_emails: boolean;
                                /** @enum {string} */
                                username_validation: "standard" | "email";
                            };
                            version: number;
                            /** @description Allowed settings an operator should know about. */
                            warnings: string[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List roles, oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                /** Format: date-time */
                                created_at: string;
                                description: string | null;
                                display_name: string | null;
                                /** @description `rol_` and 22 characters. */
                                id: string;
                                /** @description The included roles, by slug. */
                                includes: {
                                    id: string;
                                    slug: string;
                                }[];
                                /** @description Sorted. */
                                permissions: string[];
                                realm_id: string;
                                slug: string;
                                /** Format: date-time */
                                updated_at: string;
                                version: number;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a role */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description An inactive role grants nothing: neither its permissions nor the roles it includes. */
                        active?: boolean;
                        description?: string | null;
                        display_name?: string | null;
                        /** @description Composite: the roles this one includes (their permissions and what they include in turn). A cycle is refused (422 role.cycle). */
                        includes?: string[];
                        /** @description Strings such as `invoices:read`: letters, digits and `_ - . *`, in parts joined by `:`. */
                        permissions?: string[];
                        /** @description Unique within the realm: lower-case letters, digits and -. Roles are addressed by id or slug. */
                        slug: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            /** Format: date-time */
                            created_at: string;
                            description: string | null;
                            display_name: string | null;
                            /** @description `rol_` and 22 characters. */
                            id: string;
                            /** @description The included roles, by slug. */
                            includes: {
                                id: string;
                                slug: string;
                            }[];
                            /** @description Sorted. */
                            permissions: string[];
                            realm_id: string;
                            slug: string;
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/roles/{role}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a role */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Role id or slug. */
                    role: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            /** Format: date-time */
                            created_at: string;
                            description: string | null;
                            display_name: string | null;
                            /** @description `rol_` and 22 characters. */
                            id: string;
                            /** @description The included roles, by slug. */
                            includes: {
                                id: string;
                                slug: string;
                            }[];
                            /** @description Sorted. */
                            permissions: string[];
                            realm_id: string;
                            slug: string;
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a role, its assignments and its place in composite roles */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Role id or slug. */
                    role: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a role (only the fields given) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Role id or slug. */
                    role: string;
                };
                cookie?: never;
            };
            /** @description Only the fields given change; the whole is checked again. */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description An inactive role grants nothing: neither its permissions nor the roles it includes. */
                        active?: boolean;
                        description?: string | null;
                        display_name?: string | null;
                        /** @description Composite: the roles this one includes (their permissions and what they include in turn). A cycle is refused (422 role.cycle). */
                        includes?: string[];
                        /** @description Strings such as `invoices:read`: letters, digits and `_ - . *`, in parts joined by `:`. */
                        permissions?: string[];
                        /** @description Unique within the realm: lower-case letters, digits and -. Roles are addressed by id or slug. */
                        slug?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            /** Format: date-time */
                            created_at: string;
                            description: string | null;
                            display_name: string | null;
                            /** @description `rol_` and 22 characters. */
                            id: string;
                            /** @description The included roles, by slug. */
                            includes: {
                                id: string;
                                slug: string;
                            }[];
                            /** @description Sorted. */
                            permissions: string[];
                            realm_id: string;
                            slug: string;
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/v1/realms/{realm}/roles/{role}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the role's assignments (users holding it directly, any window), oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Role id or slug. */
                    role: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                created_at: string;
                                ends_at: string | null;
                                role: {
                                    id: string;
                                    slug: string;
                                };
                                /** Format: date-time */
                                starts_at: string;
                                user_id: string;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the message types and whether the realm has its own template for each */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description True when the realm has its own template; false: the built-in default. */
                                customized: boolean;
                                description: string;
                                type: string;
                                updated_at: string | null;
                                updated_by: string | null;
                            }[];
                            next_cursor: null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/templates/{type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a message type's template (the realm's own or the default) and its variables */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description A message type, e.g. verify_email. */
                    type: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description True when the realm has its own template; false: the built-in default. */
                            customized: boolean;
                            description: string;
                            html: string;
                            subject: string;
                            text: string;
                            type: string;
                            updated_at: string | null;
                            updated_by: string | null;
                            /** @description What the templates of this type may use, as {{name}}. */
                            variables: {
                                description: string;
                                example: string | number;
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Save the realm’s own template for a message type (checked: 400 template.invalid names the part) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description A message type, e.g. verify_email. */
                    type: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Handlebars; values are HTML-escaped. */
                        html: string;
                        /** @description Handlebars; line breaks are removed from the result. */
                        subject: string;
                        /** @description Handlebars; the plain-text part, nothing escaped. */
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description True when the realm has its own template; false: the built-in default. */
                            customized: boolean;
                            description: string;
                            html: string;
                            subject: string;
                            text: string;
                            type: string;
                            updated_at: string | null;
                            updated_by: string | null;
                            /** @description What the templates of this type may use, as {{name}}. */
                            variables: {
                                description: string;
                                example: string | number;
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Go back to the default template for a message type */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description A message type, e.g. verify_email. */
                    type: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/templates/{type}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render the template, or unsaved template text, with example or given values */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description A message type, e.g. verify_email. */
                    type: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Handlebars; values are HTML-escaped. */
                        html?: string;
                        /** @description Handlebars; line breaks are removed from the result. */
                        subject?: string;
                        /** @description Handlebars; the plain-text part, nothing escaped. */
                        text?: string;
                        /** @description Values to render with; example values stand in for the others. */
                        variables?: {
                            [key: string]: string | number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            html: string;
                            subject: string;
                            text: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tenants, oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description An inactive tenant cannot be signed in to; tokens in it stop at validate and refresh. */
                                active: boolean;
                                /** Format: date-time */
                                created_at: string;
                                /** @description Free-form attributes, at most 16 KB as JSON. */
                                custom: {
                                    [key: string]: unknown;
                                };
                                /** @description tnt_… : stable; tokens carry it as `tenant`. */
                                id: string;
                                name: string;
                                realm_id: string;
                                /** @description Unique in the realm: lower-case letters, digits and hyphens (stored lower-cased). */
                                slug: string;
                                /** Format: date-time */
                                updated_at: string;
                                version: number;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a tenant */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description An inactive tenant cannot be signed in to; tokens in it stop at validate and refresh. */
                        active?: boolean;
                        /** @description Free-form attributes, at most 16 KB as JSON. */
                        custom?: {
                            [key: string]: unknown;
                        };
                        name: string;
                        /** @description Unique in the realm: lower-case letters, digits and hyphens (stored lower-cased). */
                        slug: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An inactive tenant cannot be signed in to; tokens in it stop at validate and refresh. */
                            active: boolean;
                            /** Format: date-time */
                            created_at: string;
                            /** @description Free-form attributes, at most 16 KB as JSON. */
                            custom: {
                                [key: string]: unknown;
                            };
                            /** @description tnt_… : stable; tokens carry it as `tenant`. */
                            id: string;
                            name: string;
                            realm_id: string;
                            /** @description Unique in the realm: lower-case letters, digits and hyphens (stored lower-cased). */
                            slug: string;
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/tenants/{tenant}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a tenant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Tenant id or slug. */
                    tenant: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An inactive tenant cannot be signed in to; tokens in it stop at validate and refresh. */
                            active: boolean;
                            /** Format: date-time */
                            created_at: string;
                            /** @description Free-form attributes, at most 16 KB as JSON. */
                            custom: {
                                [key: string]: unknown;
                            };
                            /** @description tnt_… : stable; tokens carry it as `tenant`. */
                            id: string;
                            name: string;
                            realm_id: string;
                            /** @description Unique in the realm: lower-case letters, digits and hyphens (stored lower-cased). */
                            slug: string;
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a tenant and its memberships */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Tenant id or slug. */
                    tenant: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a tenant (only the fields given) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Tenant id or slug. */
                    tenant: string;
                };
                cookie?: never;
            };
            /** @description Only the fields given change. */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description An inactive tenant cannot be signed in to; tokens in it stop at validate and refresh. */
                        active?: boolean;
                        /** @description Free-form attributes, at most 16 KB as JSON. */
                        custom?: {
                            [key: string]: unknown;
                        };
                        name?: string;
                        /** @description Unique in the realm: lower-case letters, digits and hyphens (stored lower-cased). */
                        slug?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An inactive tenant cannot be signed in to; tokens in it stop at validate and refresh. */
                            active: boolean;
                            /** Format: date-time */
                            created_at: string;
                            /** @description Free-form attributes, at most 16 KB as JSON. */
                            custom: {
                                [key: string]: unknown;
                            };
                            /** @description tnt_… : stable; tokens carry it as `tenant`. */
                            id: string;
                            name: string;
                            realm_id: string;
                            /** @description Unique in the realm: lower-case letters, digits and hyphens (stored lower-cased). */
                            slug: string;
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/v1/realms/{realm}/tenants/{tenant}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a tenant's members, earliest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Tenant id or slug. */
                    tenant: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                created_at: string;
                                roles: string[];
                                tenant_id: string;
                                /** Format: date-time */
                                updated_at: string;
                                user_id: string;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Make a user a member with these roles (a member's roles are replaced) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Tenant id or slug. */
                    tenant: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The user's roles in this tenant: role slugs. */
                        roles?: string[];
                        user_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            roles: string[];
                            tenant_id: string;
                            /** Format: date-time */
                            updated_at: string;
                            user_id: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/tenants/{tenant}/members/{user}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member: their tokens in the tenant stop at once */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Tenant id or slug. */
                    tenant: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Order by created_at. */
                    direction?: "asc" | "desc";
                    /** @description Exact email (compared lower-cased). */
                    email?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                    locked?: boolean;
                    /** @description Exact mobile; separators are ignored. */
                    mobile?: string;
                    /** @description Indexed search: users whose email or username starts with this (any case), or whose mobile number does. */
                    prefix?: string;
                    /** @description Case-insensitive substring of the names, email or username (scans the realm: prefer prefix in large realms). */
                    q?: string;
                    /** @description Users holding this role (id or slug) now: assigned directly, inside the assignment's window. */
                    role?: string;
                    /** @description Only active users can sign in. */
                    state?: "active" | "inactive";
                    /** @description Users carrying this tag. */
                    tag?: string;
                    /** @description Members of this tenant (its id or slug). */
                    tenant?: string;
                    /** @description Exact username (case-insensitive). */
                    username?: string;
                    /** @description Users whose email address is verified (true) or not (false). */
                    verified?: boolean;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                access: ({
                                    /** @enum {string} */
                                    type: "standard";
                                } | {
                                    /** @enum {string} */
                                    type: "master";
                                } | {
                                    acl: {
                                        methods: string[];
                                        uri: string;
                                    }[];
                                    /** @enum {string} */
                                    type: "acl";
                                }) | null;
                                access_token_minutes: number | null;
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                /** @description Free-form attributes. */
                                custom: {
                                    [key: string]: unknown;
                                };
                                display_name: string | null;
                                email: string | null;
                                email_verified: boolean;
                                first_name: string | null;
                                has_password: boolean;
                                id: string;
                                last_login_at: string | null;
                                last_name: string | null;
                                locked: boolean;
                                locked_reason: string | null;
                                middle_name: string | null;
                                mobile: string | null;
                                mobile_verified: boolean;
                                realm_id: string;
                                /** @description Created through self sign-up rather than by an operator. */
                                signed_up: boolean;
                                /**
                                 * @description Only active users can sign in.
                                 * @enum {string}
                                 */
                                state: "active" | "inactive";
                                tags: string[];
                                /** Format: date-time */
                                updated_at: string;
                                updated_by: string | null;
                                /**
                                 * @description api users need a username.
                                 * @enum {string}
                                 */
                                user_type: "human" | "api";
                                username: string | null;
                                /** @description Starts at 1, +1 on every change; GET ?version=N returns an earlier one. */
                                version: number;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a user */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        access?: ({
                            /** @enum {string} */
                            type: "standard";
                        } | {
                            /** @enum {string} */
                            type: "master";
                        } | {
                            acl: {
                                methods: ("GET" | "POST" | "PUT" | "PATCH" | "DELETE")[];
                                uri: string;
                            }[];
                            /** @enum {string} */
                            type: "acl";
                        }) | null;
                        access_token_minutes?: number | null;
                        /** @description Free-form attributes, at most 16 KB as JSON. */
                        custom?: {
                            [key: string]: unknown;
                        };
                        display_name?: string | null;
                        email?: string | null;
                        email_verified?: boolean;
                        first_name?: string | null;
                        last_name?: string | null;
                        middle_name?: string | null;
                        mobile?: string | null;
                        mobile_verified?: boolean;
                        /** @description Within the realm's password_policy, at most 1024 characters. */
                        password?: string;
                        /** @description Instead of password: a hash made by another system (argon2, bcrypt, scrypt, PBKDF2; see docs/password-hashes.md), upgraded to argon2id at the next sign-in. */
                        password_hash?: string;
                        /**
                         * @description Only active users can sign in.
                         * @enum {string}
                         */
                        state?: "active" | "inactive";
                        /** @description Duplicates are dropped. */
                        tags?: string[];
                        /**
                         * @description api users need a username.
                         * @enum {string}
                         */
                        user_type?: "human" | "api";
                        username?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: ({
                                /** @enum {string} */
                                type: "standard";
                            } | {
                                /** @enum {string} */
                                type: "master";
                            } | {
                                acl: {
                                    methods: string[];
                                    uri: string;
                                }[];
                                /** @enum {string} */
                                type: "acl";
                            }) | null;
                            access_token_minutes: number | null;
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            /** @description Free-form attributes. */
                            custom: {
                                [key: string]: unknown;
                            };
                            display_name: string | null;
                            email: string | null;
                            email_verified: boolean;
                            first_name: string | null;
                            has_password: boolean;
                            id: string;
                            last_login_at: string | null;
                            last_name: string | null;
                            locked: boolean;
                            locked_reason: string | null;
                            middle_name: string | null;
                            mobile: string | null;
                            mobile_verified: boolean;
                            realm_id: string;
                            /** @description Created through self sign-up rather than by an operator. */
                            signed_up: boolean;
                            /**
                             * @description Only active users can sign in.
                             * @enum {string}
                             */
                            state: "active" | "inactive";
                            tags: string[];
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string | null;
                            /**
                             * @description api users need a username.
                             * @enum {string}
                             */
                            user_type: "human" | "api";
                            username: string | null;
                            /** @description Starts at 1, +1 on every change; GET ?version=N returns an earlier one. */
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user, or with ?version=N an earlier version */
        get: {
            parameters: {
                query?: {
                    /** @description An earlier version. */
                    version?: number;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: ({
                                /** @enum {string} */
                                type: "standard";
                            } | {
                                /** @enum {string} */
                                type: "master";
                            } | {
                                acl: {
                                    methods: string[];
                                    uri: string;
                                }[];
                                /** @enum {string} */
                                type: "acl";
                            }) | null;
                            access_token_minutes: number | null;
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            /** @description Free-form attributes. */
                            custom: {
                                [key: string]: unknown;
                            };
                            display_name: string | null;
                            email: string | null;
                            email_verified: boolean;
                            first_name: string | null;
                            has_password: boolean;
                            id: string;
                            last_login_at: string | null;
                            last_name: string | null;
                            locked: boolean;
                            locked_reason: string | null;
                            middle_name: string | null;
                            mobile: string | null;
                            mobile_verified: boolean;
                            realm_id: string;
                            /** @description Created through self sign-up rather than by an operator. */
                            signed_up: boolean;
                            /**
                             * @description Only active users can sign in.
                             * @enum {string}
                             */
                            state: "active" | "inactive";
                            tags: string[];
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string | null;
                            /**
                             * @description api users need a username.
                             * @enum {string}
                             */
                            user_type: "human" | "api";
                            username: string | null;
                            /** @description Starts at 1, +1 on every change; GET ?version=N returns an earlier one. */
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a user (their identifiers become free) and end their sessions */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a user (only the fields given; null clears) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        access?: ({
                            /** @enum {string} */
                            type: "standard";
                        } | {
                            /** @enum {string} */
                            type: "master";
                        } | {
                            acl: {
                                methods: ("GET" | "POST" | "PUT" | "PATCH" | "DELETE")[];
                                uri: string;
                            }[];
                            /** @enum {string} */
                            type: "acl";
                        }) | null;
                        access_token_minutes?: number | null;
                        /** @description Free-form attributes, at most 16 KB as JSON. */
                        custom?: {
                            [key: string]: unknown;
                        };
                        display_name?: string | null;
                        email?: string | null;
                        email_verified?: boolean;
                        first_name?: string | null;
                        last_name?: string | null;
                        middle_name?: string | null;
                        mobile?: string | null;
                        mobile_verified?: boolean;
                        /**
                         * @description Only active users can sign in.
                         * @enum {string}
                         */
                        state?: "active" | "inactive";
                        /** @description Duplicates are dropped. */
                        tags?: string[];
                        /**
                         * @description api users need a username.
                         * @enum {string}
                         */
                        user_type?: "human" | "api";
                        username?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: ({
                                /** @enum {string} */
                                type: "standard";
                            } | {
                                /** @enum {string} */
                                type: "master";
                            } | {
                                acl: {
                                    methods: string[];
                                    uri: string;
                                }[];
                                /** @enum {string} */
                                type: "acl";
                            }) | null;
                            access_token_minutes: number | null;
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            /** @description Free-form attributes. */
                            custom: {
                                [key: string]: unknown;
                            };
                            display_name: string | null;
                            email: string | null;
                            email_verified: boolean;
                            first_name: string | null;
                            has_password: boolean;
                            id: string;
                            last_login_at: string | null;
                            last_name: string | null;
                            locked: boolean;
                            locked_reason: string | null;
                            middle_name: string | null;
                            mobile: string | null;
                            mobile_verified: boolean;
                            realm_id: string;
                            /** @description Created through self sign-up rather than by an operator. */
                            signed_up: boolean;
                            /**
                             * @description Only active users can sign in.
                             * @enum {string}
                             */
                            state: "active" | "inactive";
                            tags: string[];
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string | null;
                            /**
                             * @description api users need a username.
                             * @enum {string}
                             */
                            user_type: "human" | "api";
                            username: string | null;
                            /** @description Starts at 1, +1 on every change; GET ?version=N returns an earlier one. */
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a user's API keys */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description What the key may do, e.g. `{ "read": "allow", "invoices:*": "deny" }` (an action, a verb, `ns:*` or `*`); answered at validate. */
                                capabilities: {
                                    [key: string]: "allow" | "deny";
                                };
                                /** Format: date-time */
                                created_at: string;
                                expires_at: string | null;
                                id: string;
                                last_used_at: string | null;
                                last_used_ip: string | null;
                                name: string;
                                /** @description `service`: a key of the realm itself (service account), not of a user. */
                                owner: "user" | "service";
                                /** @description How the key is kept: `encrypt` keys can be read back by operators. */
                                policy: "hash" | "encrypt";
                                service: string | null;
                                user_id: string | null;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a user's API key (event api_key.created); `api_key` is shown only in this answer */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description What the key may do, e.g. `{ "read": "allow", "invoices:*": "deny" }` (an action, a verb, `ns:*` or `*`); answered at validate. */
                        capabilities?: {
                            [key: string]: "allow" | "deny";
                        };
                        expires_in_days?: number | null;
                        name: string;
                        service?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The key. Shown only now. */
                            api_key: string;
                            /** @description What the key may do, e.g. `{ "read": "allow", "invoices:*": "deny" }` (an action, a verb, `ns:*` or `*`); answered at validate. */
                            capabilities: {
                                [key: string]: "allow" | "deny";
                            };
                            /** Format: date-time */
                            created_at: string;
                            expires_at: string | null;
                            id: string;
                            last_used_at: string | null;
                            last_used_ip: string | null;
                            name: string;
                            /** @description `service`: a key of the realm itself (service account), not of a user. */
                            owner: "user" | "service";
                            /** @description How the key is kept: `encrypt` keys can be read back by operators. */
                            policy: "hash" | "encrypt";
                            service: string | null;
                            user_id: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a user's API key (event api_key.revoked) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The key id (the part after the prefix). */
                    id: string;
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/api-keys/{id}/retrieve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read back a user's API key kept under the `encrypt` policy (event api_key.retrieved) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The key id (the part after the prefix). */
                    id: string;
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The key, read back (event api_key.retrieved). */
                            api_key: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's linked identities */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                created_at: number;
                                /** @description The address the provider gave at the last sign-in. */
                                email: string | null;
                                /** @description The link (`lid_…`). */
                                id: string;
                                last_used_at: number | null;
                                provider_id: string;
                                provider_name: string | null;
                                provider_slug: string | null;
                                /** @description The account's id at the provider. */
                                subject: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/identities/{identity}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unlink one of a user's identities */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Linked identity id (`lid_…`). */
                    identity: string;
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lock a user and end their sessions (the body is optional) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: ({
                                /** @enum {string} */
                                type: "standard";
                            } | {
                                /** @enum {string} */
                                type: "master";
                            } | {
                                acl: {
                                    methods: string[];
                                    uri: string;
                                }[];
                                /** @enum {string} */
                                type: "acl";
                            }) | null;
                            access_token_minutes: number | null;
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            /** @description Free-form attributes. */
                            custom: {
                                [key: string]: unknown;
                            };
                            display_name: string | null;
                            email: string | null;
                            email_verified: boolean;
                            first_name: string | null;
                            has_password: boolean;
                            id: string;
                            last_login_at: string | null;
                            last_name: string | null;
                            locked: boolean;
                            locked_reason: string | null;
                            middle_name: string | null;
                            mobile: string | null;
                            mobile_verified: boolean;
                            realm_id: string;
                            /** @description Created through self sign-up rather than by an operator. */
                            signed_up: boolean;
                            /**
                             * @description Only active users can sign in.
                             * @enum {string}
                             */
                            state: "active" | "inactive";
                            tags: string[];
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string | null;
                            /**
                             * @description api users need a username.
                             * @enum {string}
                             */
                            user_type: "human" | "api";
                            username: string | null;
                            /** @description Starts at 1, +1 on every change; GET ?version=N returns an earlier one. */
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/lockout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's failed sign-ins and locks (POST …/unlock ends them) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Consecutive failed sign-ins counted now (forgotten 24 h after the last one). */
                            failures: number;
                            /** @description The user row is locked (by an operator, or for good by the guard). */
                            locked: boolean;
                            locked_reason: string | null;
                            locked_until: string | null;
                            /** @description Temporary locks taken in this run of failures. */
                            locks: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End all of a user's sessions */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's second factors (never their secrets) and unused recovery codes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The user's factors (at most 10), oldest first; never their secrets. */
                            items: {
                                algorithm: "SHA1" | "SHA256" | "SHA512";
                                confirmed_at: string | null;
                                /** Format: date-time */
                                created_at: string;
                                digits: number;
                                /** @description `fac_…` */
                                id: string;
                                last_used_at: string | null;
                                name: string;
                                period: number | null;
                                /** @description `pending` until a first code confirms it. */
                                state: "pending" | "active";
                                type: "totp" | "hotp";
                            }[];
                            /** @description Unused recovery codes. */
                            recovery_codes_left: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Reset a user's second factors: every factor and recovery code is removed (event user.mfa_reset) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Reset. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's passkeys (public data only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Oldest first; public data only. */
                            items: {
                                /** @description The authenticator model (all zeros when attestation is `none` and the authenticator hides it). */
                                aaguid: string;
                                backed_up: boolean;
                                /** Format: date-time */
                                created_at: string;
                                /** @description The WebAuthn credential id, base64url. */
                                credential_id: string;
                                /** @description `multiDevice`: a synced passkey. */
                                device_type: "singleDevice" | "multiDevice";
                                /** @description `pk_…` */
                                id: string;
                                last_used_at: string | null;
                                name: string;
                                transports: string[];
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/passkeys/{passkey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove one of a user's passkeys (event passkey.removed) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Passkey id (`pk_…`). */
                    passkey: string;
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a user's password and end their sessions */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Within the realm's password_policy, at most 1024 characters. */
                        password: string;
                    };
                };
            };
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a user's role assignments (past and future windows too), oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                created_at: string;
                                ends_at: string | null;
                                role: {
                                    id: string;
                                    slug: string;
                                };
                                /** Format: date-time */
                                starts_at: string;
                                user_id: string;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Assign a role to a user, from starts_at (default now) until ends_at (default: no end) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            /** @description Assigning a role the user already has gives that assignment this window. */
            requestBody: {
                content: {
                    "application/json": {
                        ends_at?: string | null;
                        /** @description The role, by id or slug. */
                        role: string;
                        /** @description ISO 8601 date-time with a zone; the role counts from then (default now). Tokens issued before it do not carry the role. */
                        starts_at?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            ends_at: string | null;
                            role: {
                                id: string;
                                slug: string;
                            };
                            /** Format: date-time */
                            starts_at: string;
                            user_id: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/roles/{role}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take a role from a user */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Role id or slug. */
                    role: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/send-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email the user a password-reset link (event 1310) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The message is queued; see GET …/messages for its delivery. */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            accepted: true;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/send-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email the user a new verification link */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The message is queued; see GET …/messages for its delivery. */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            accepted: true;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a user's live sessions, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                created_at: string;
                                /** Format: date-time */
                                expires_at: string;
                                id: string;
                                ip: string | null;
                                /**
                                 * Format: date-time
                                 * @description When the session was last used (sign-in, refresh, step-up), rounded down to the minute.
                                 */
                                last_used_at: string;
                                user_agent: string | null;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/sessions/{session}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one session of a user */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Session id. */
                    session: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's tenants with their roles there */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description An inactive tenant cannot be signed in to; tokens in it stop at validate and refresh. */
                                active: boolean;
                                /** Format: date-time */
                                created_at: string;
                                /** @description Free-form attributes, at most 16 KB as JSON. */
                                custom: {
                                    [key: string]: unknown;
                                };
                                /** @description tnt_… : stable; tokens carry it as `tenant`. */
                                id: string;
                                /** Format: date-time */
                                member_since: string;
                                name: string;
                                realm_id: string;
                                roles: string[];
                                /** @description Unique in the realm: lower-case letters, digits and hyphens (stored lower-cased). */
                                slug: string;
                                /** Format: date-time */
                                updated_at: string;
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/{user}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unlock a user */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description User id. */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: ({
                                /** @enum {string} */
                                type: "standard";
                            } | {
                                /** @enum {string} */
                                type: "master";
                            } | {
                                acl: {
                                    methods: string[];
                                    uri: string;
                                }[];
                                /** @enum {string} */
                                type: "acl";
                            }) | null;
                            access_token_minutes: number | null;
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            /** @description Free-form attributes. */
                            custom: {
                                [key: string]: unknown;
                            };
                            display_name: string | null;
                            email: string | null;
                            email_verified: boolean;
                            first_name: string | null;
                            has_password: boolean;
                            id: string;
                            last_login_at: string | null;
                            last_name: string | null;
                            locked: boolean;
                            locked_reason: string | null;
                            middle_name: string | null;
                            mobile: string | null;
                            mobile_verified: boolean;
                            realm_id: string;
                            /** @description Created through self sign-up rather than by an operator. */
                            signed_up: boolean;
                            /**
                             * @description Only active users can sign in.
                             * @enum {string}
                             */
                            state: "active" | "inactive";
                            tags: string[];
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string | null;
                            /**
                             * @description api users need a username.
                             * @enum {string}
                             */
                            user_type: "human" | "api";
                            username: string | null;
                            /** @description Starts at 1, +1 on every change; GET ?version=N returns an earlier one. */
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export the realm's users (the list's filters) as JSON lines or CSV, streamed */
        get: {
            parameters: {
                query?: {
                    /** @description Order by created_at. */
                    direction?: "asc" | "desc";
                    /** @description Exact email (compared lower-cased). */
                    email?: string;
                    /** @description Comma-separated, in this order; by default all: id, realm_id, username, email, email_verified, mobile, mobile_verified, first_name, middle_name, last_name, display_name, state, locked, locked_reason, user_type, tags, custom, access, access_token_minutes, has_password, signed_up, last_login_at, created_at, created_by, updated_at, updated_by, version. */
                    fields?: string;
                    /** @description JSON lines (one user per line) or CSV with a header row. */
                    format?: "jsonl" | "csv";
                    locked?: boolean;
                    /** @description Exact mobile; separators are ignored. */
                    mobile?: string;
                    /** @description Indexed search: users whose email or username starts with this (any case), or whose mobile number does. */
                    prefix?: string;
                    /** @description Case-insensitive substring of the names, email or username (scans the realm: prefer prefix in large realms). */
                    q?: string;
                    /** @description Users holding this role (id or slug) now: assigned directly, inside the assignment's window. */
                    role?: string;
                    /** @description Only active users can sign in. */
                    state?: "active" | "inactive";
                    /** @description Users carrying this tag. */
                    tag?: string;
                    /** @description Members of this tenant (its id or slug). */
                    tenant?: string;
                    /** @description Exact username (case-insensitive). */
                    username?: string;
                    /** @description Users whose email address is verified (true) or not (false). */
                    verified?: boolean;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description JSON lines, or CSV with a header row. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": string;
                        "text/csv": string;
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import users (with password hashes from another system); each user is created or fails on its own */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 1 to 500 users, each as POST …/users takes it (usually with password_hash). */
                        users: {
                            access?: ({
                                /** @enum {string} */
                                type: "standard";
                            } | {
                                /** @enum {string} */
                                type: "master";
                            } | {
                                acl: {
                                    methods: ("GET" | "POST" | "PUT" | "PATCH" | "DELETE")[];
                                    uri: string;
                                }[];
                                /** @enum {string} */
                                type: "acl";
                            }) | null;
                            access_token_minutes?: number | null;
                            /** @description Free-form attributes, at most 16 KB as JSON. */
                            custom?: {
                                [key: string]: unknown;
                            };
                            display_name?: string | null;
                            email?: string | null;
                            email_verified?: boolean;
                            first_name?: string | null;
                            last_name?: string | null;
                            middle_name?: string | null;
                            mobile?: string | null;
                            mobile_verified?: boolean;
                            /** @description Within the realm's password_policy, at most 1024 characters. */
                            password?: string;
                            /** @description Instead of password: a hash made by another system (argon2, bcrypt, scrypt, PBKDF2; see docs/password-hashes.md), upgraded to argon2id at the next sign-in. */
                            password_hash?: string;
                            /**
                             * @description Only active users can sign in.
                             * @enum {string}
                             */
                            state?: "active" | "inactive";
                            /** @description Duplicates are dropped. */
                            tags?: string[];
                            /**
                             * @description api users need a username.
                             * @enum {string}
                             */
                            user_type?: "human" | "api";
                            username?: string | null;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: {
                                id: string;
                                /** @description Position in `users`. */
                                index: number;
                            }[];
                            failed: {
                                /** @description The error code creating this user alone would have answered. */
                                code: string;
                                details: {
                                    field: string;
                                    issue: string;
                                }[];
                                /** @description Position in `users`. */
                                index: number;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/users/import/{source}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import users from a file of another system, streamed: each row is created or reported on its own
         * @description The body is the file (any content type). Firebase password hashes need the project's hash parameters in the keyrealm-firebase-hash header.
         */
        post: {
            parameters: {
                query?: {
                    /** @description csv: field=Column pairs, comma-separated (custom.<name> for custom attributes). */
                    columns?: string;
                    /** @description Check every row and report, write nothing. */
                    dry_run?: boolean;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description keyrealm: JSON lines of users as POST …/users takes them; keycloak: a Keycloak realm or users export; auth0: Auth0 user export JSON lines with password hashes; firebase: `firebase auth:export` JSON; csv: CSV with a header row and `columns`. */
                    source: "keyrealm" | "keycloak" | "auth0" | "firebase" | "csv";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Users created (in a dry run: that would be). */
                            created: number;
                            dry_run: boolean;
                            /** @description Rows refused. */
                            failed: number;
                            /** @description The first 1000 refused rows. */
                            failures: {
                                code: string;
                                message: string;
                                /** @description From 1: the line, array element or CSV record. */
                                row: number;
                            }[];
                            failures_truncated: boolean;
                            /** @description Rows read from the file. */
                            rows: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks, oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                created_at: string;
                                description: string | null;
                                disabled_reason: string | null;
                                /** @description Switching a webhook back on also resumes its pending deliveries. */
                                enabled: boolean;
                                /** @description Event types (docs/events.md) to send: exact (`user.created`), a prefix wildcard (`user.*`), or `*` for all. */
                                event_types: string[];
                                failing_since: string | null;
                                /** @description whk_… */
                                id: string;
                                previous_secret_expires_at: string | null;
                                realm_id: string;
                                /** Format: date-time */
                                updated_at: string;
                                /** @description The endpoint: https (plain http only to loopback, where the server allows it). */
                                url: string;
                                version: number;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a webhook; its signing secret is answered this once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        /** @description Switching a webhook back on also resumes its pending deliveries. */
                        enabled?: boolean;
                        /** @description Event types (docs/events.md) to send: exact (`user.created`), a prefix wildcard (`user.*`), or `*` for all. */
                        event_types: string[];
                        /** @description The endpoint: https (plain http only to loopback, where the server allows it). */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            description: string | null;
                            disabled_reason: string | null;
                            /** @description Switching a webhook back on also resumes its pending deliveries. */
                            enabled: boolean;
                            /** @description Event types (docs/events.md) to send: exact (`user.created`), a prefix wildcard (`user.*`), or `*` for all. */
                            event_types: string[];
                            failing_since: string | null;
                            /** @description whk_… */
                            id: string;
                            previous_secret_expires_at: string | null;
                            realm_id: string;
                            /** @description whsec_…: shown this once. Verify deliveries with it (Standard Webhooks). */
                            secret: string;
                            /** Format: date-time */
                            updated_at: string;
                            /** @description The endpoint: https (plain http only to loopback, where the server allows it). */
                            url: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/webhooks/{webhook}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Webhook id (whk_…). */
                    webhook: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            description: string | null;
                            disabled_reason: string | null;
                            /** @description Switching a webhook back on also resumes its pending deliveries. */
                            enabled: boolean;
                            /** @description Event types (docs/events.md) to send: exact (`user.created`), a prefix wildcard (`user.*`), or `*` for all. */
                            event_types: string[];
                            failing_since: string | null;
                            /** @description whk_… */
                            id: string;
                            previous_secret_expires_at: string | null;
                            realm_id: string;
                            /** Format: date-time */
                            updated_at: string;
                            /** @description The endpoint: https (plain http only to loopback, where the server allows it). */
                            url: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a webhook and its deliveries */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Webhook id (whk_…). */
                    webhook: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a webhook (only the fields given) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Webhook id (whk_…). */
                    webhook: string;
                };
                cookie?: never;
            };
            /** @description Only the fields given change. */
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        /** @description Switching a webhook back on also resumes its pending deliveries. */
                        enabled?: boolean;
                        /** @description Event types (docs/events.md) to send: exact (`user.created`), a prefix wildcard (`user.*`), or `*` for all. */
                        event_types?: string[];
                        /** @description The endpoint: https (plain http only to loopback, where the server allows it). */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            description: string | null;
                            disabled_reason: string | null;
                            /** @description Switching a webhook back on also resumes its pending deliveries. */
                            enabled: boolean;
                            /** @description Event types (docs/events.md) to send: exact (`user.created`), a prefix wildcard (`user.*`), or `*` for all. */
                            event_types: string[];
                            failing_since: string | null;
                            /** @description whk_… */
                            id: string;
                            previous_secret_expires_at: string | null;
                            realm_id: string;
                            /** Format: date-time */
                            updated_at: string;
                            /** @description The endpoint: https (plain http only to loopback, where the server allows it). */
                            url: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/admin/v1/realms/{realm}/webhooks/{webhook}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a webhook's deliveries, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                    status?: "pending" | "sending" | "succeeded" | "failed";
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Webhook id (whk_…). */
                    webhook: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                /** Format: date-time */
                                created_at: string;
                                event_type: string;
                                /** @description whd_… */
                                id: string;
                                last_attempt_at: string | null;
                                last_error: string | null;
                                /** @description The `webhook-id` header: the event id (the same for every delivery of one event). */
                                message_id: string;
                                next_attempt_at: string | null;
                                response_excerpt: string | null;
                                response_status: number | null;
                                status: "pending" | "sending" | "succeeded" | "failed";
                                /** Format: date-time */
                                updated_at: string;
                                webhook_id: string;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/webhooks/{webhook}/deliveries/{delivery}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a delivery, with the body it sends */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Delivery id (whd_…). */
                    delivery: string;
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Webhook id (whk_…). */
                    webhook: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /** Format: date-time */
                            created_at: string;
                            event_type: string;
                            /** @description whd_… */
                            id: string;
                            last_attempt_at: string | null;
                            last_error: string | null;
                            /** @description The `webhook-id` header: the event id (the same for every delivery of one event). */
                            message_id: string;
                            next_attempt_at: string | null;
                            /** @description The body sent, as JSON. */
                            payload: unknown;
                            response_excerpt: string | null;
                            response_status: number | null;
                            status: "pending" | "sending" | "succeeded" | "failed";
                            /** Format: date-time */
                            updated_at: string;
                            webhook_id: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/webhooks/{webhook}/deliveries/{delivery}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a finished delivery again, now, with a fresh round of attempts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Delivery id (whd_…). */
                    delivery: string;
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Webhook id (whk_…). */
                    webhook: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /** Format: date-time */
                            created_at: string;
                            event_type: string;
                            /** @description whd_… */
                            id: string;
                            last_attempt_at: string | null;
                            last_error: string | null;
                            /** @description The `webhook-id` header: the event id (the same for every delivery of one event). */
                            message_id: string;
                            next_attempt_at: string | null;
                            response_excerpt: string | null;
                            response_status: number | null;
                            status: "pending" | "sending" | "succeeded" | "failed";
                            /** Format: date-time */
                            updated_at: string;
                            webhook_id: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/webhooks/{webhook}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a new signing secret (answered this once); the previous one also signs for 24 hours */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Webhook id (whk_…). */
                    webhook: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            description: string | null;
                            disabled_reason: string | null;
                            /** @description Switching a webhook back on also resumes its pending deliveries. */
                            enabled: boolean;
                            /** @description Event types (docs/events.md) to send: exact (`user.created`), a prefix wildcard (`user.*`), or `*` for all. */
                            event_types: string[];
                            failing_since: string | null;
                            /** @description whk_… */
                            id: string;
                            previous_secret_expires_at: string | null;
                            realm_id: string;
                            /** @description whsec_…: shown this once. Verify deliveries with it (Standard Webhooks). */
                            secret: string;
                            /** Format: date-time */
                            updated_at: string;
                            /** @description The endpoint: https (plain http only to loopback, where the server allows it). */
                            url: string;
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/{realm}/webhooks/{webhook}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a `webhook.test` message to this webhook */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                    /** @description Webhook id (whk_…). */
                    webhook: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /** Format: date-time */
                            created_at: string;
                            event_type: string;
                            /** @description whd_… */
                            id: string;
                            last_attempt_at: string | null;
                            last_error: string | null;
                            /** @description The `webhook-id` header: the event id (the same for every delivery of one event). */
                            message_id: string;
                            next_attempt_at: string | null;
                            response_excerpt: string | null;
                            response_status: number | null;
                            status: "pending" | "sending" | "succeeded" | "failed";
                            /** Format: date-time */
                            updated_at: string;
                            webhook_id: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/realms/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a realm from an export, streamed (or check one with dry_run)
         * @description The body is the document. Secrets in it need its passphrase in the keyrealm-export-passphrase header.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Read and check the whole document, report conflicts and refused users, write nothing. */
                    dry_run?: boolean;
                    /** @description new: the realm and everything in it get new ids (a copy beside the original); keep: the export's ids (moving a realm to another server). */
                    ids?: "new" | "keep";
                    /** @description Instead of the document's slug. */
                    slug?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description What stops the import (a dry run lists them; a real one is refused with import.conflict). */
                            conflicts: string[];
                            dry_run: boolean;
                            imported: {
                                applications: number;
                                identity_providers: number;
                                roles: number;
                                signing_keys: number;
                                templates: number;
                                tenants: number;
                            };
                            realm: {
                                id: string;
                                slug: string;
                            };
                            users: {
                                created: number;
                                failed: number;
                                failures: {
                                    code: string;
                                    message: string;
                                    row: number;
                                }[];
                                failures_truncated: boolean;
                                rows: number;
                            };
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers (the database is /ready's concern) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            memory: {
                                heap_used_bytes: number;
                                rss_bytes: number;
                            };
                            /** @enum {string} */
                            status: "ok";
                            uptime_seconds: number;
                            version: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Prometheus text exposition format */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ready for traffic: migrations applied and the database answering */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ready: boolean;
                            reason?: string;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ready: boolean;
                            reason?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public information about a realm */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /**
                             * @description `required`: every user proves a second factor, enrolling one at their next sign-in.
                             * @enum {string}
                             */
                            mfa: "off" | "optional" | "required";
                            name: string;
                            /** @description What a sign-up or password page can tell people before they submit; common passwords and ones built on their identifiers are refused too. */
                            password_policy: {
                                /** @description The most characters a new password may have; never truncated. */
                                max_length: number;
                                /** @description The fewest characters a new password may have (Unicode code points after NFKC). */
                                min_length: number;
                            };
                            public_info: {
                                description: string | null;
                                display_name: string | null;
                                logo_url: string | null;
                            };
                            registration_enabled: boolean;
                            /** @description Methods that can serve as the second factor (`totp`, `hotp`, `passkey`, `email_otp`, `sms_otp`, `recovery_code`). */
                            second_factors: string[];
                            /** @description Methods that can start a sign-in here (`sign_in.first_factors`): `password`, `email_otp`, `sms_otp`, `magic_link`, `number_match`, `passkey`. */
                            sign_in_methods: string[];
                            slug: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The realm's public signing keys (none for HS256 realms) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: {
                                alg: string;
                                /** @description EC and OKP keys. */
                                crv?: string;
                                /** @description RSA keys. */
                                e?: string;
                                kid: string;
                                kty: string;
                                /** @description RSA keys. */
                                n?: string;
                                use: string;
                                /** @description EC and OKP keys. */
                                x?: string;
                                /** @description EC keys. */
                                y?: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: ({
                                /** @enum {string} */
                                type: "standard";
                            } | {
                                /** @enum {string} */
                                type: "master";
                            } | {
                                acl: {
                                    methods: string[];
                                    uri: string;
                                }[];
                                /** @enum {string} */
                                type: "acl";
                            }) | null;
                            access_token_minutes: number | null;
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            /** @description Free-form attributes. */
                            custom: {
                                [key: string]: unknown;
                            };
                            display_name: string | null;
                            email: string | null;
                            email_verified: boolean;
                            first_name: string | null;
                            has_password: boolean;
                            id: string;
                            last_login_at: string | null;
                            last_name: string | null;
                            locked: boolean;
                            locked_reason: string | null;
                            middle_name: string | null;
                            mobile: string | null;
                            mobile_verified: boolean;
                            realm_id: string;
                            /** @description Created through self sign-up rather than by an operator. */
                            signed_up: boolean;
                            /**
                             * @description Only active users can sign in.
                             * @enum {string}
                             */
                            state: "active" | "inactive";
                            tags: string[];
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string | null;
                            /**
                             * @description api users need a username.
                             * @enum {string}
                             */
                            user_type: "human" | "api";
                            username: string | null;
                            /** @description Starts at 1, +1 on every change; GET ?version=N returns an earlier one. */
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the signed-in user's names and registration fields */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            /** @description Only the fields given change; null clears one. */
            requestBody: {
                content: {
                    "application/json": {
                        display_name?: string | null;
                        /** @description The realm's registration fields, by name (kept in `custom`); null clears an optional one. */
                        fields?: {
                            [key: string]: unknown;
                        };
                        first_name?: string | null;
                        last_name?: string | null;
                        middle_name?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: ({
                                /** @enum {string} */
                                type: "standard";
                            } | {
                                /** @enum {string} */
                                type: "master";
                            } | {
                                acl: {
                                    methods: string[];
                                    uri: string;
                                }[];
                                /** @enum {string} */
                                type: "acl";
                            }) | null;
                            access_token_minutes: number | null;
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            /** @description Free-form attributes. */
                            custom: {
                                [key: string]: unknown;
                            };
                            display_name: string | null;
                            email: string | null;
                            email_verified: boolean;
                            first_name: string | null;
                            has_password: boolean;
                            id: string;
                            last_login_at: string | null;
                            last_name: string | null;
                            locked: boolean;
                            locked_reason: string | null;
                            middle_name: string | null;
                            mobile: string | null;
                            mobile_verified: boolean;
                            realm_id: string;
                            /** @description Created through self sign-up rather than by an operator. */
                            signed_up: boolean;
                            /**
                             * @description Only active users can sign in.
                             * @enum {string}
                             */
                            state: "active" | "inactive";
                            tags: string[];
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string | null;
                            /**
                             * @description api users need a username.
                             * @enum {string}
                             */
                            user_type: "human" | "api";
                            username: string | null;
                            /** @description Starts at 1, +1 on every change; GET ?version=N returns an earlier one. */
                            version: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/realms/{realm}/account/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your API keys, newest first (never the keys themselves) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description What the key may do, e.g. `{ "read": "allow", "invoices:*": "deny" }` (an action, a verb, `ns:*` or `*`); answered at validate. */
                                capabilities: {
                                    [key: string]: "allow" | "deny";
                                };
                                /** Format: date-time */
                                created_at: string;
                                expires_at: string | null;
                                id: string;
                                last_used_at: string | null;
                                last_used_ip: string | null;
                                name: string;
                                /** @description `service`: a key of the realm itself (service account), not of a user. */
                                owner: "user" | "service";
                                /** @description How the key is kept: `encrypt` keys can be read back by operators. */
                                policy: "hash" | "encrypt";
                                service: string | null;
                                user_id: string | null;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API key (event api_key.created; needs a sign-in within 5 minutes); `api_key` is shown only in this answer */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description What the key may do, e.g. `{ "read": "allow", "invoices:*": "deny" }` (an action, a verb, `ns:*` or `*`); answered at validate. */
                        capabilities?: {
                            [key: string]: "allow" | "deny";
                        };
                        expires_in_days?: number | null;
                        name: string;
                        service?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The key. Shown only now. */
                            api_key: string;
                            /** @description What the key may do, e.g. `{ "read": "allow", "invoices:*": "deny" }` (an action, a verb, `ns:*` or `*`); answered at validate. */
                            capabilities: {
                                [key: string]: "allow" | "deny";
                            };
                            /** Format: date-time */
                            created_at: string;
                            expires_at: string | null;
                            id: string;
                            last_used_at: string | null;
                            last_used_ip: string | null;
                            name: string;
                            /** @description `service`: a key of the realm itself (service account), not of a user. */
                            owner: "user" | "service";
                            /** @description How the key is kept: `encrypt` keys can be read back by operators. */
                            policy: "hash" | "encrypt";
                            service: string | null;
                            user_id: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of your API keys (event api_key.revoked) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The key id (the part after the prefix). */
                    id: string;
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The applications you consented to, most recent first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                client_id: string;
                                /** Format: date-time */
                                granted_at: string;
                                /** @description The client_id. */
                                id: string;
                                logo_url: string | null;
                                name: string;
                                /** @description The scopes you granted. */
                                scopes: string[];
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/applications/{app}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw your consent to an application and end what it holds for you */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The application id (its client_id). */
                    app: string;
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your accounts at identity providers, linked to this one */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                created_at: number;
                                /** @description The address the provider gave at the last sign-in. */
                                email: string | null;
                                /** @description The link (`lid_…`). */
                                id: string;
                                last_used_at: number | null;
                                provider_id: string;
                                provider_name: string | null;
                                provider_slug: string | null;
                                /** @description The account's id at the provider. */
                                subject: string;
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Link the account a `link` start came back with (needs a sign-in within 5 minutes) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The one-time code of a start with `intent=link`. */
                        code: string;
                        /** @description The PKCE verifier whose S256 challenge the start sent. */
                        code_verifier: string;
                        /** @description The redirect_uri that start named. */
                        redirect_uri: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: number;
                            /** @description The address the provider gave at the last sign-in. */
                            email: string | null;
                            /** @description The link (`lid_…`). */
                            id: string;
                            last_used_at: number | null;
                            provider_id: string;
                            provider_name: string | null;
                            provider_slug: string | null;
                            /** @description The account's id at the provider. */
                            subject: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/identities/{identity}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a linked identity (needs a sign-in within 5 minutes; never the last way to sign in) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Linked identity id (`lid_…`). */
                    identity: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's second factors and how many recovery codes are left */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The user's factors (at most 10), oldest first; never their secrets. */
                            items: {
                                algorithm: "SHA1" | "SHA256" | "SHA512";
                                confirmed_at: string | null;
                                /** Format: date-time */
                                created_at: string;
                                digits: number;
                                /** @description `fac_…` */
                                id: string;
                                last_used_at: string | null;
                                name: string;
                                period: number | null;
                                /** @description `pending` until a first code confirms it. */
                                state: "pending" | "active";
                                type: "totp" | "hotp";
                            }[];
                            /** @description Unused recovery codes. */
                            recovery_codes_left: number;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/mfa/{factor}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove one of your factors; with the last one go the recovery codes
         * @description Needs a recent sign-in (403 `auth.step_up_required`).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    factor: string;
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename one of your factors */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    factor: string;
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A name the user recognises, e.g. "Phone". */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            algorithm: "SHA1" | "SHA256" | "SHA512";
                            confirmed_at: string | null;
                            /** Format: date-time */
                            created_at: string;
                            digits: number;
                            /** @description `fac_…` */
                            id: string;
                            last_used_at: string | null;
                            name: string;
                            period: number | null;
                            /** @description `pending` until a first code confirms it. */
                            state: "pending" | "active";
                            type: "totp" | "hotp";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/realms/{realm}/account/mfa/{factor}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a pending factor with a first code; the first factor also brings ten recovery codes, shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    factor: string;
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The code the authenticator shows. */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            algorithm: "SHA1" | "SHA256" | "SHA512";
                            confirmed_at: string | null;
                            /** Format: date-time */
                            created_at: string;
                            digits: number;
                            /** @description `fac_…` */
                            id: string;
                            last_used_at: string | null;
                            name: string;
                            period: number | null;
                            /** @description Ten recovery codes when this is the first factor (no unused codes before); else null. */
                            recovery_codes: string[] | null;
                            /** @description `pending` until a first code confirms it. */
                            state: "pending" | "active";
                            type: "totp" | "hotp";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/mfa/hotp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start enrolling an HOTP (counter-based) token: its secret, otpauth:// URI and QR code
         * @description Needs a recent sign-in (403 `auth.step_up_required`). The factor stays `pending` until confirmed with a first code (`POST …/mfa/{factor}/confirm`) within an hour.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description HMAC hash; SHA1 (the default) is what every app supports. */
                        algorithm?: "SHA1" | "SHA256" | "SHA512";
                        /**
                         * @description Digits per code (most apps show 6).
                         * @default 6
                         */
                        digits?: number;
                        /** @description A name the user recognises, e.g. "Phone". */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            algorithm: "SHA1" | "SHA256" | "SHA512";
                            confirmed_at: string | null;
                            /** Format: date-time */
                            created_at: string;
                            digits: number;
                            /** @description `fac_…` */
                            id: string;
                            last_used_at: string | null;
                            name: string;
                            period: number | null;
                            /** @description The URI as a QR code, an SVG document. */
                            qr_svg: string;
                            /** @description The base32 seed (160 bits), shown this once: for typing into an app by hand. */
                            secret: string;
                            /** @description `pending` until a first code confirms it. */
                            state: "pending" | "active";
                            type: "totp" | "hotp";
                            /** @description The otpauth:// URI the QR code holds. */
                            uri: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/mfa/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ten new recovery codes, shown once; the old ones stop working
         * @description Needs a recent sign-in (403 `auth.step_up_required`) and an active factor (422 `mfa.no_active_factor`).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Shown this once; only hashes are kept. */
                            recovery_codes: string[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/mfa/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start enrolling a TOTP authenticator app: its secret, otpauth:// URI and QR code
         * @description Needs a recent sign-in (403 `auth.step_up_required`). The factor stays `pending` until confirmed with a first code (`POST …/mfa/{factor}/confirm`) within an hour.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description HMAC hash; SHA1 (the default) is what every app supports. */
                        algorithm?: "SHA1" | "SHA256" | "SHA512";
                        /**
                         * @description Digits per code (most apps show 6).
                         * @default 6
                         */
                        digits?: number;
                        /** @description A name the user recognises, e.g. "Phone". */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            algorithm: "SHA1" | "SHA256" | "SHA512";
                            confirmed_at: string | null;
                            /** Format: date-time */
                            created_at: string;
                            digits: number;
                            /** @description `fac_…` */
                            id: string;
                            last_used_at: string | null;
                            name: string;
                            period: number | null;
                            /** @description The URI as a QR code, an SVG document. */
                            qr_svg: string;
                            /** @description The base32 seed (160 bits), shown this once: for typing into an app by hand. */
                            secret: string;
                            /** @description `pending` until a first code confirms it. */
                            state: "pending" | "active";
                            type: "totp" | "hotp";
                            /** @description The otpauth:// URI the QR code holds. */
                            uri: string;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's passkeys */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Oldest first; public data only. */
                            items: {
                                /** @description The authenticator model (all zeros when attestation is `none` and the authenticator hides it). */
                                aaguid: string;
                                backed_up: boolean;
                                /** Format: date-time */
                                created_at: string;
                                /** @description The WebAuthn credential id, base64url. */
                                credential_id: string;
                                /** @description `multiDevice`: a synced passkey. */
                                device_type: "singleDevice" | "multiDevice";
                                /** @description `pk_…` */
                                id: string;
                                last_used_at: string | null;
                                name: string;
                                transports: string[];
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/passkeys/{passkey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove one of your passkeys
         * @description Needs a recent sign-in (403 `auth.step_up_required`).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    passkey: string;
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename one of your passkeys */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    passkey: string;
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A name the user recognises, e.g. "Laptop". */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The authenticator model (all zeros when attestation is `none` and the authenticator hides it). */
                            aaguid: string;
                            backed_up: boolean;
                            /** Format: date-time */
                            created_at: string;
                            /** @description The WebAuthn credential id, base64url. */
                            credential_id: string;
                            /** @description `multiDevice`: a synced passkey. */
                            device_type: "singleDevice" | "multiDevice";
                            /** @description `pk_…` */
                            id: string;
                            last_used_at: string | null;
                            name: string;
                            transports: string[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/realms/{realm}/account/passkeys/registration/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start registering a passkey: creation options for navigator.credentials.create()
         * @description Needs a recent sign-in (403 `auth.step_up_required`) when the user already has a passkey. The challenge is single use and valid for five minutes; asking again retires the previous one.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description `PublicKeyCredentialCreationOptionsJSON`: pass to `PublicKeyCredential.parseCreationOptionsFromJSON()` and `navigator.credentials.create()`. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attestation?: string;
                            /** @description `residentKey: required` (discoverable) and the realm’s `userVerification`. */
                            authenticatorSelection?: {
                                [key: string]: unknown;
                            };
                            /** @description base64url; single use, valid for five minutes. */
                            challenge: string;
                            /** @description The user’s passkeys, so an authenticator is not registered twice. */
                            excludeCredentials?: {
                                [key: string]: unknown;
                            }[];
                            extensions?: {
                                [key: string]: unknown;
                            };
                            hints?: string[];
                            pubKeyCredParams: {
                                [key: string]: unknown;
                            }[];
                            /** @description `{ id, name }`: the realm’s relying party. */
                            rp: {
                                [key: string]: unknown;
                            };
                            timeout?: number;
                            /** @description `{ id, name, displayName }`; `id` is an opaque user handle. */
                            user: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/passkeys/registration/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish registering a passkey with the browser's answer
         * @description Checks the challenge (400 `passkey.invalid_challenge` when unknown, used or expired), the origin against the realm's `passkeys.allowed_origins`, the RP ID and user verification (422 `passkey.invalid_response`). Needs a recent sign-in (403 `auth.step_up_required`) when the user already has a passkey.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A name the user recognises, e.g. "Laptop". */
                        name?: string;
                        /** @description What `navigator.credentials.create()` resolved to, as `PublicKeyCredential.toJSON()`. */
                        response: {
                            authenticatorAttachment?: "platform" | "cross-platform";
                            /** @description Client extension results (e.g. `credProps`). */
                            clientExtensionResults: {
                                [key: string]: unknown;
                            };
                            /** @description The credential id, base64url. */
                            id: string;
                            /** @description The credential id, base64url. */
                            rawId: string;
                            response: {
                                /** @description base64url CBOR. */
                                attestationObject: string;
                                /** @description base64url. */
                                authenticatorData?: string;
                                /** @description base64url. */
                                clientDataJSON: string;
                                /** @description base64url SPKI. */
                                publicKey?: string;
                                publicKeyAlgorithm?: number;
                                transports?: string[];
                            };
                            /** @enum {string} */
                            type: "public-key";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The authenticator model (all zeros when attestation is `none` and the authenticator hides it). */
                            aaguid: string;
                            backed_up: boolean;
                            /** Format: date-time */
                            created_at: string;
                            /** @description The WebAuthn credential id, base64url. */
                            credential_id: string;
                            /** @description `multiDevice`: a synced passkey. */
                            device_type: "singleDevice" | "multiDevice";
                            /** @description `pk_…` */
                            id: string;
                            last_used_at: string | null;
                            name: string;
                            transports: string[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the password; every other session of the user ends
         * @description Attempts are rate limited per user (`KEYREALM_RATE_LIMIT_PASSWORD_CHANGE_PER_USER`): 429 `request.rate_limited` with `Retry-After` beyond it. A wrong current password counts as a failed sign-in for the realm's brute-force guard, whose delays and locks answer 429 `auth.too_many_attempts`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        current_password: string;
                        new_password: string;
                    };
                };
            };
            responses: {
                /** @description Changed; every other session has ended. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's live sessions, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page. */
                    cursor?: string;
                    /** @description Page size (1-1000). */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                created_at: string;
                                /** @description The session of the token making this request. */
                                current: boolean;
                                /** Format: date-time */
                                expires_at: string;
                                id: string;
                                ip: string | null;
                                /**
                                 * Format: date-time
                                 * @description When the session was last used (sign-in, refresh, step-up), rounded down to the minute.
                                 */
                                last_used_at: string;
                                user_agent: string | null;
                            }[];
                            /** @description Opaque; null on the last page. */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/sessions/{session}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one of your own sessions */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    realm: string;
                    session: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/account/sessions/revoke-others": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out everywhere else: end every session but the current one */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/api-key/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a user's API key (`Authorization: Bearer <key>`) for an access token of `api_keys.token_minutes` (event api_key.exchanged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            expires_in: number | null;
                            /** @enum {string} */
                            token_type: "Bearer";
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/check/mfa/hotp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a HOTP code of the signed-in user: { valid }
         * @description A right code is spent (it cannot be used again). 429 with `Retry-After` beyond the per-user limit; wrong codes count for the account’s brute-force guard like wrong codes at sign-in.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The code the authenticator shows. */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description true: the code was right, and is now spent. */
                            valid: boolean;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/check/mfa/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a TOTP code of the signed-in user: { valid }
         * @description A right code is spent (it cannot be used again). 429 with `Retry-After` beyond the per-user limit; wrong codes count for the account’s brute-force guard like wrong codes at sign-in.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The code the authenticator shows. */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description true: the code was right, and is now spent. */
                            valid: boolean;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/flows/{flow}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where a sign-in flow stands */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flow: string;
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/flows/{flow}/enrol/{method}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enrol an authenticator within a sign-in that requires one (state `enrolment`)
         * @description The factor stays pending; its first code, sent to `POST …/flows/{flow}/verify` with `method` `totp` or `hotp`, confirms it and completes the sign-in (with the first recovery codes).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flow: string;
                    method: "totp" | "hotp";
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description HMAC hash; SHA1 (the default) is what every app supports. */
                        algorithm?: "SHA1" | "SHA256" | "SHA512";
                        /**
                         * @description Digits per code (most apps show 6).
                         * @default 6
                         */
                        digits?: number;
                        /** @description A name the user recognises, e.g. "Phone". */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            factor: {
                                algorithm: "SHA1" | "SHA256" | "SHA512";
                                confirmed_at: string | null;
                                /** Format: date-time */
                                created_at: string;
                                digits: number;
                                /** @description `fac_…` */
                                id: string;
                                last_used_at: string | null;
                                name: string;
                                period: number | null;
                                /** @description The URI as a QR code, an SVG document. */
                                qr_svg: string;
                                /** @description The base32 seed (160 bits), shown this once: for typing into an app by hand. */
                                secret: string;
                                /** @description `pending` until a first code confirms it. */
                                state: "pending" | "active";
                                type: "totp" | "hotp";
                                /** @description The otpauth:// URI the QR code holds. */
                                uri: string;
                            };
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/flows/{flow}/enrol/passkey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enrol a passkey within a sign-in that requires a second factor (state `enrolment`)
         * @description Options for `navigator.credentials.create()`; the attestation (`PublicKeyCredential.toJSON()`), sent to `POST …/flows/{flow}/verify` as `{ method: "passkey", response }`, registers the passkey and completes the sign-in. New options replace earlier ones.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flow: string;
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @description `PublicKeyCredentialCreationOptionsJSON`: pass to `PublicKeyCredential.parseCreationOptionsFromJSON()` and `navigator.credentials.create()`. */
                            options: {
                                attestation?: string;
                                /** @description `residentKey: required` (discoverable) and the realm’s `userVerification`. */
                                authenticatorSelection?: {
                                    [key: string]: unknown;
                                };
                                /** @description base64url; single use, valid for five minutes. */
                                challenge: string;
                                /** @description The user’s passkeys, so an authenticator is not registered twice. */
                                excludeCredentials?: {
                                    [key: string]: unknown;
                                }[];
                                extensions?: {
                                    [key: string]: unknown;
                                };
                                hints?: string[];
                                pubKeyCredParams: {
                                    [key: string]: unknown;
                                }[];
                                /** @description `{ id, name }`: the realm’s relying party. */
                                rp: {
                                    [key: string]: unknown;
                                };
                                timeout?: number;
                                /** @description `{ id, name, displayName }`; `id` is an opaque user handle. */
                                user: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/flows/{flow}/send-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a one-time code as the second factor (again: the previous code stops working) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flow: string;
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        method: "email_otp" | "sms_otp";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/flows/{flow}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Prove one step of a flow: a code, a second factor, a passkey assertion, or a password (step-up) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flow: string;
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description One-time, TOTP, HOTP or recovery code. */
                        code?: string;
                        /** @enum {string} */
                        method: "password" | "email_otp" | "sms_otp" | "magic_link" | "number_match" | "passkey" | "totp" | "hotp" | "recovery_code";
                        /** @description For a step-up by password. */
                        password?: string;
                        /** @description A passkey assertion; while enrolling a passkey (`…/enrol/passkey`), its attestation. */
                        response?: {
                            authenticatorAttachment?: "platform" | "cross-platform";
                            /** @description Client extension results (e.g. `credProps`). */
                            clientExtensionResults: {
                                [key: string]: unknown;
                            };
                            /** @description The credential id, base64url. */
                            id: string;
                            /** @description The credential id, base64url. */
                            rawId: string;
                            response: {
                                /** @description base64url. */
                                authenticatorData: string;
                                /** @description base64url. */
                                clientDataJSON: string;
                                /** @description base64url. */
                                signature: string;
                                userHandle?: string | null;
                            };
                            /** @enum {string} */
                            type: "public-key";
                        } | {
                            authenticatorAttachment?: "platform" | "cross-platform";
                            /** @description Client extension results (e.g. `credProps`). */
                            clientExtensionResults: {
                                [key: string]: unknown;
                            };
                            /** @description The credential id, base64url. */
                            id: string;
                            /** @description The credential id, base64url. */
                            rawId: string;
                            response: {
                                /** @description base64url CBOR. */
                                attestationObject: string;
                                /** @description base64url. */
                                authenticatorData?: string;
                                /** @description base64url. */
                                clientDataJSON: string;
                                /** @description base64url SPKI. */
                                publicKey?: string;
                                publicKeyAlgorithm?: number;
                                transports?: string[];
                            };
                            /** @enum {string} */
                            type: "public-key";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            expires_in: number | null;
                            /** @description After enrolling a first factor during the sign-in: ten recovery codes, shown this once. */
                            recovery_codes?: string[];
                            /** @description Managed sessions only; single use. */
                            refresh_token?: string;
                            session_id: string | null;
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                access: ({
                                    /** @enum {string} */
                                    type: "standard";
                                } | {
                                    /** @enum {string} */
                                    type: "master";
                                } | {
                                    acl: {
                                        methods: string[];
                                        uri: string;
                                    }[];
                                    /** @enum {string} */
                                    type: "acl";
                                }) | null;
                                access_token_minutes: number | null;
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                /** @description Free-form attributes. */
                                custom: {
                                    [key: string]: unknown;
                                };
                                display_name: string | null;
                                email: string | null;
                                email_verified: boolean;
                                first_name: string | null;
                                has_password: boolean;
                                id: string;
                                last_login_at: string | null;
                                last_name: string | null;
                                locked: boolean;
                                locked_reason: string | null;
                                middle_name: string | null;
                                mobile: string | null;
                                mobile_verified: boolean;
                                realm_id: string;
                                /** @description Created through self sign-up rather than by an operator. */
                                signed_up: boolean;
                                /**
                                 * @description Only active users can sign in.
                                 * @enum {string}
                                 */
                                state: "active" | "inactive";
                                tags: string[];
                                /** Format: date-time */
                                updated_at: string;
                                updated_by: string | null;
                                /**
                                 * @description api users need a username.
                                 * @enum {string}
                                 */
                                user_type: "human" | "api";
                                username: string | null;
                                /** @description Starts at 1, +1 on every change; GET ?version=N returns an earlier one. */
                                version: number;
                            };
                        } | {
                            access_token: string;
                            expires_in: number | null;
                            session_id: string | null;
                            /** @enum {string} */
                            token_type: "Bearer";
                        } | {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/forgot-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a password-reset link to the account with this identifier, if there is one */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Email, username or mobile number. */
                        identifier: string;
                    };
                };
            };
            responses: {
                /** @description The same answer whether or not the address has an account. */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            accepted: true;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/idp/{idp}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the identity provider returns (register this URL upstream) */
        get: {
            parameters: {
                query?: {
                    /** @description The provider's authorization code. */
                    code?: string;
                    /** @description The provider's error code, when it refused. */
                    error?: string;
                    /** @description The provider's error text. */
                    error_description?: string;
                    /** @description The provider's issuer (RFC 9207), compared with the provider's. */
                    iss?: string;
                    /** @description What a SAML provider returns of the start: its state. */
                    RelayState?: string;
                    /** @description A SAML provider's Response (HTTP-POST binding), base64. */
                    SAMLResponse?: string;
                    /** @description The state the start sent (checked against this browser). */
                    state?: string;
                };
                header?: never;
                path: {
                    /** @description Identity provider id or slug. */
                    idp: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Redirect to the identity provider (or, after the callback, to the client). */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Where the identity provider returns with response_mode form_post */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Identity provider id or slug. */
                    idp: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The provider's authorization code. */
                        code?: string;
                        /** @description The provider's error code, when it refused. */
                        error?: string;
                        /** @description The provider's error text. */
                        error_description?: string;
                        /** @description The provider's issuer (RFC 9207), compared with the provider's. */
                        iss?: string;
                        /** @description What a SAML provider returns of the start: its state. */
                        RelayState?: string;
                        /** @description A SAML provider's Response (HTTP-POST binding), base64. */
                        SAMLResponse?: string;
                        /** @description The state the start sent (checked against this browser). */
                        state?: string;
                    } & {
                        [key: string]: string;
                    };
                };
            };
            responses: {
                /** @description Redirect to the identity provider (or, after the callback, to the client). */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/idp/{idp}/saml/metadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A SAML provider's service-provider metadata (its entity id is this URL): import it into the IdP */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Identity provider id or slug. */
                    idp: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description SAML 2.0 metadata (EntityDescriptor with an SPSSODescriptor). */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/samlmetadata+xml": string;
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/samlmetadata+xml": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/idp/{idp}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An API client's sign-in (or link) through an identity provider: the browser goes there and comes back to redirect_uri with a one-time code */
        get: {
            parameters: {
                query: {
                    /** @description PKCE (RFC 7636): the base64url SHA-256 of a random verifier the client keeps; the code's exchange (or link) must bring that verifier. */
                    code_challenge: string;
                    /** @description Only S256 (plain is refused). */
                    code_challenge_method?: "S256";
                    /** @description `sign_in` (default): the code is exchanged for tokens. `link`: a signed-in user exchanges it at POST …/account/identities to link this account. */
                    intent?: "sign_in" | "link";
                    login_hint?: string;
                    /** @description Where the one-time code goes: exactly a redirect URI an enabled application of the realm registered. */
                    redirect_uri: string;
                    /** @description The client's own state, returned with the code. */
                    state?: string;
                };
                header?: never;
                path: {
                    /** @description Identity provider id or slug. */
                    idp: string;
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Redirect to the identity provider (or, after the callback, to the client). */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/idp/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An API client exchanges the one-time code of an identity provider's sign-in: tokens, or the next step (a second factor) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The one-time code the redirect URI received. */
                        code: string;
                        /** @description The PKCE verifier whose S256 challenge the start sent. */
                        code_verifier: string;
                        /** @description The redirect_uri the start named. */
                        redirect_uri: string;
                    };
                };
            };
            responses: {
                /** @description Tokens once every factor is proven; otherwise the next step. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            expires_in: number | null;
                            /** @description After enrolling a first factor during the sign-in: ten recovery codes, shown this once. */
                            recovery_codes?: string[];
                            /** @description Managed sessions only; single use. */
                            refresh_token?: string;
                            session_id: string | null;
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                access: ({
                                    /** @enum {string} */
                                    type: "standard";
                                } | {
                                    /** @enum {string} */
                                    type: "master";
                                } | {
                                    acl: {
                                        methods: string[];
                                        uri: string;
                                    }[];
                                    /** @enum {string} */
                                    type: "acl";
                                }) | null;
                                access_token_minutes: number | null;
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                /** @description Free-form attributes. */
                                custom: {
                                    [key: string]: unknown;
                                };
                                display_name: string | null;
                                email: string | null;
                                email_verified: boolean;
                                first_name: string | null;
                                has_password: boolean;
                                id: string;
                                last_login_at: string | null;
                                last_name: string | null;
                                locked: boolean;
                                locked_reason: string | null;
                                middle_name: string | null;
                                mobile: string | null;
                                mobile_verified: boolean;
                                realm_id: string;
                                /** @description Created through self sign-up rather than by an operator. */
                                signed_up: boolean;
                                /**
                                 * @description Only active users can sign in.
                                 * @enum {string}
                                 */
                                state: "active" | "inactive";
                                tags: string[];
                                /** Format: date-time */
                                updated_at: string;
                                updated_by: string | null;
                                /**
                                 * @description api users need a username.
                                 * @enum {string}
                                 */
                                user_type: "human" | "api";
                                username: string | null;
                                /** @description Starts at 1, +1 on every change; GET ?version=N returns an earlier one. */
                                version: number;
                            };
                        } | {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with an identifier and password
         * @description Tokens when the password is the whole proof; otherwise `{ mfa_required: true, flow_id, methods }` (or `enrolment_required`): continue at `POST /realms/{realm}/auth/flows/{flow}/verify`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Email, username or mobile number. */
                        identifier: string;
                        password: string;
                        /** @description The tenant (id or slug) to sign in to; the user must be a member of it. Without it: the user's only tenant, if they have exactly one. */
                        tenant?: string;
                    };
                };
            };
            responses: {
                /** @description Tokens once every factor is proven; otherwise the next step. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            expires_in: number | null;
                            /** @description After enrolling a first factor during the sign-in: ten recovery codes, shown this once. */
                            recovery_codes?: string[];
                            /** @description Managed sessions only; single use. */
                            refresh_token?: string;
                            session_id: string | null;
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                access: ({
                                    /** @enum {string} */
                                    type: "standard";
                                } | {
                                    /** @enum {string} */
                                    type: "master";
                                } | {
                                    acl: {
                                        methods: string[];
                                        uri: string;
                                    }[];
                                    /** @enum {string} */
                                    type: "acl";
                                }) | null;
                                access_token_minutes: number | null;
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                /** @description Free-form attributes. */
                                custom: {
                                    [key: string]: unknown;
                                };
                                display_name: string | null;
                                email: string | null;
                                email_verified: boolean;
                                first_name: string | null;
                                has_password: boolean;
                                id: string;
                                last_login_at: string | null;
                                last_name: string | null;
                                locked: boolean;
                                locked_reason: string | null;
                                middle_name: string | null;
                                mobile: string | null;
                                mobile_verified: boolean;
                                realm_id: string;
                                /** @description Created through self sign-up rather than by an operator. */
                                signed_up: boolean;
                                /**
                                 * @description Only active users can sign in.
                                 * @enum {string}
                                 */
                                state: "active" | "inactive";
                                tags: string[];
                                /** Format: date-time */
                                updated_at: string;
                                updated_by: string | null;
                                /**
                                 * @description api users need a username.
                                 * @enum {string}
                                 */
                                user_type: "human" | "api";
                                username: string | null;
                                /** @description Starts at 1, +1 on every change; GET ?version=N returns an earlier one. */
                                version: number;
                            };
                        } | {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session of a bearer access token or of a refresh token in the body */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refresh_token?: string;
                    };
                };
            };
            responses: {
                /** @description The session has ended (or had already). */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/magic-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a passwordless sign-in: a link to approve it goes to the account’s email
         * @description The answer is the same for identifiers without an account; the link is emailed afterwards. Poll `POST …/auth/magic-link/status` with the `flow_id`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Email, username or mobile number. */
                        identifier: string;
                        /** @description The tenant (id or slug) to sign in to, checked when the sign-in completes, as for the password. */
                        tenant?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/magic-link/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Poll a magic-link or number-matching sign-in: the flow while it waits, then tokens (once) or the next step */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The flow the start answered with: keep it on the starting device only. */
                        flow_id: string;
                    };
                };
            };
            responses: {
                /** @description Tokens once every factor is proven; otherwise the next step. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            expires_in: number | null;
                            /** @description After enrolling a first factor during the sign-in: ten recovery codes, shown this once. */
                            recovery_codes?: string[];
                            /** @description Managed sessions only; single use. */
                            refresh_token?: string;
                            session_id: string | null;
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                access: ({
                                    /** @enum {string} */
                                    type: "standard";
                                } | {
                                    /** @enum {string} */
                                    type: "master";
                                } | {
                                    acl: {
                                        methods: string[];
                                        uri: string;
                                    }[];
                                    /** @enum {string} */
                                    type: "acl";
                                }) | null;
                                access_token_minutes: number | null;
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                /** @description Free-form attributes. */
                                custom: {
                                    [key: string]: unknown;
                                };
                                display_name: string | null;
                                email: string | null;
                                email_verified: boolean;
                                first_name: string | null;
                                has_password: boolean;
                                id: string;
                                last_login_at: string | null;
                                last_name: string | null;
                                locked: boolean;
                                locked_reason: string | null;
                                middle_name: string | null;
                                mobile: string | null;
                                mobile_verified: boolean;
                                realm_id: string;
                                /** @description Created through self sign-up rather than by an operator. */
                                signed_up: boolean;
                                /**
                                 * @description Only active users can sign in.
                                 * @enum {string}
                                 */
                                state: "active" | "inactive";
                                tags: string[];
                                /** Format: date-time */
                                updated_at: string;
                                updated_by: string | null;
                                /**
                                 * @description api users need a username.
                                 * @enum {string}
                                 */
                                user_type: "human" | "api";
                                username: string | null;
                                /** @description Starts at 1, +1 on every change; GET ?version=N returns an earlier one. */
                                version: number;
                            };
                        } | {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/number-match": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a sign-in by number matching: show `number`; the emailed link asks the user to pick it
         * @description The answer is the same for identifiers without an account; the link is emailed afterwards. Poll `POST …/auth/magic-link/status` with the `flow_id`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Email, username or mobile number. */
                        identifier: string;
                        /** @description The tenant (id or slug) to sign in to, checked when the sign-in completes, as for the password. */
                        tenant?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @description Show it on this screen: the emailed link asks the user to pick it. */
                            number: number;
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/otp/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a passwordless sign-in: a code goes to the account’s email (same answer for unknown identifiers) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Email, username or mobile number. */
                        identifier: string;
                        /** @description The tenant (id or slug) to sign in to, checked when the sign-in completes, as for the password. */
                        tenant?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/otp/sms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a passwordless sign-in: a code goes to the account’s mobile by SMS (same answer for unknown identifiers) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Email, username or mobile number. */
                        identifier: string;
                        /** @description The tenant (id or slug) to sign in to, checked when the sign-in completes, as for the password. */
                        tenant?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Options for navigator.credentials.get: a passwordless sign-in, or (with flow_id) the passkey as a second factor */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        flow_id?: string;
                        /** @description The tenant (id or slug) to sign in to, checked when the sign-in completes, as for the password. */
                        tenant?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @description `PublicKeyCredentialRequestOptionsJSON`: pass to `PublicKeyCredential.parseRequestOptionsFromJSON()` and `navigator.credentials.get()`. */
                            options: {
                                /** @description Empty for a discoverable (passwordless) sign-in. */
                                allowCredentials?: {
                                    [key: string]: unknown;
                                }[];
                                /** @description base64url; single use, bound to the sign-in flow. */
                                challenge: string;
                                extensions?: {
                                    [key: string]: unknown;
                                };
                                hints?: string[];
                                rpId?: string;
                                timeout?: number;
                                userVerification?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for new tokens (the old one is used up) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refresh_token: string;
                        /** @description Switch the session to this tenant (id or slug); the user must be a member of it. Without it: the session's tenant. */
                        tenant?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access_token: string;
                            expires_in: number | null;
                            /** @description Managed sessions only; single use. */
                            refresh_token?: string;
                            session_id: string | null;
                            /** @enum {string} */
                            token_type: "Bearer";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign up (when the realm allows it); a verification link is emailed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        display_name?: string;
                        email: string;
                        /** @description Values of the realm's registration.fields, by name. */
                        fields?: {
                            [key: string]: unknown;
                        };
                        first_name?: string;
                        last_name?: string;
                        middle_name?: string;
                        mobile?: string;
                        /** @description Checked against the realm's password policy (422 with a reason code). */
                        password: string;
                        username?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            accepted: true;
                            /** @description Whether the account can sign in only after the emailed link is followed. */
                            email_verification_required: boolean;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tell whether a password-reset token still works (it is not used up) */
        get: {
            parameters: {
                query: {
                    /** @description The token from the emailed link. */
                    token: string;
                };
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expires_at: string;
                            /** @enum {boolean} */
                            valid: true;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Set a new password with a reset token; every session of the account ends */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Checked against the realm's password policy (422 with a reason code). */
                        password: string;
                        /** @description The token from the emailed link. */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description The password is set. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/step-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a step-up for the signed-in user: prove yourself again to raise the session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The realm requires a second factor the user has not enrolled yet. */
                            enrolment_required: boolean;
                            /** Format: date-time */
                            expires_at: string;
                            flow_id: string;
                            methods: string[];
                            /** @description A second factor must follow: one of `methods`. */
                            mfa_required: boolean;
                            /** @enum {string} */
                            state: "first_factor" | "second_factor" | "enrolment" | "completed" | "failed";
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check a bearer access token and return its claims and the user's current access
         * @description An API key as the bearer credential is answered with the key, its owner, capabilities and expiry instead (docs/authorization.md#api-keys).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: {
                                /** @enum {string} */
                                type: "standard";
                            } | {
                                /** @enum {string} */
                                type: "master";
                            } | {
                                acl: {
                                    methods: string[];
                                    uri: string;
                                }[];
                                /** @enum {string} */
                                type: "acl";
                            };
                            /** @description The access token claims. */
                            claims: {
                                [key: string]: unknown;
                            };
                            /** @description The union of those roles' permissions. */
                            permissions: string[];
                            /** @description Slugs of the user's roles in force now (assigned, active, inside their window, and what they include). */
                            roles: string[];
                            session_id: string | null;
                            tenant: {
                                id: string;
                                /** @description The user's roles in the tenant. */
                                roles: string[];
                                slug: string;
                            } | null;
                            user_id: string;
                        } | {
                            access: {
                                /** @enum {string} */
                                type: "standard";
                            } | {
                                /** @enum {string} */
                                type: "master";
                            } | {
                                acl: {
                                    methods: string[];
                                    uri: string;
                                }[];
                                /** @enum {string} */
                                type: "acl";
                            };
                            api_key: {
                                /** @description What the key may do, e.g. `{ "read": "allow", "invoices:*": "deny" }` (an action, a verb, `ns:*` or `*`); answered at validate. */
                                capabilities: {
                                    [key: string]: "allow" | "deny";
                                };
                                expires_at: string | null;
                                id: string;
                                name: string;
                                owner: "user" | "service";
                                service: string | null;
                            };
                            user_id: string | null;
                        };
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify an email address with the token from the emailed link */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The token from the emailed link. */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description The address is verified. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/auth/verify-email/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a new verification link to an unverified account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                    };
                };
            };
            responses: {
                /** @description The same answer whether or not the address has an account. */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            accepted: true;
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide whether the caller may do an action on a resource */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            /** @description `{ action, resource, context }`, or seed 002’s `{ module, rule, payload }`. */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description e.g. invoices:read */
                        action: string;
                        /** @description What policies may read as context.request’s tags. */
                        context?: {
                            [key: string]: unknown;
                        };
                        resource: {
                            /** @description What policies may read as the resource’s tags. */
                            attributes?: {
                                [key: string]: unknown;
                            };
                            id: string;
                            /** @description The tenant the resource belongs to. */
                            tenant?: string;
                            /** @description e.g. invoices */
                            type: string;
                        };
                    } | {
                        /** @description The policy module (`/iam/access` names `iam.access`); only it decides. */
                        module: string;
                        /** @description The context. */
                        payload?: {
                            [key: string]: unknown;
                        };
                        /** @description The action. */
                        rule: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            decision: "allow" | "deny";
                            /** @description The determining policies (`module/id`), or the default engine’s reason code. */
                            reasons: string[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/realms/{realm}/authorize/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide many checks for the caller at once (answers in order) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Realm id or slug. */
                    realm: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        checks: ({
                            /** @description e.g. invoices:read */
                            action: string;
                            /** @description What policies may read as context.request’s tags. */
                            context?: {
                                [key: string]: unknown;
                            };
                            resource: {
                                /** @description What policies may read as the resource’s tags. */
                                attributes?: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                /** @description The tenant the resource belongs to. */
                                tenant?: string;
                                /** @description e.g. invoices */
                                type: string;
                            };
                        } | {
                            /** @description The policy module (`/iam/access` names `iam.access`); only it decides. */
                            module: string;
                            /** @description The context. */
                            payload?: {
                                [key: string]: unknown;
                            };
                            /** @description The action. */
                            rule: string;
                        })[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description In the order of the checks. */
                            results: {
                                decision: "allow" | "deny";
                                /** @description The determining policies (`module/id`), or the default engine’s reason code. */
                                reasons: string[];
                            }[];
                        };
                    };
                };
                /** @description Every error has this shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error has this shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Every error has this shape. */
        Error: {
            error: {
                /** @description Stable, namespaced error code, e.g. auth.invalid_credentials */
                code: string;
                details: {
                    field: string;
                    issue: string;
                }[];
                message: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
