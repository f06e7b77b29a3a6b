/** Who may read what: HTTP Basic demo users for the local run, roles and ward scopes, problem+json for 401 and 403. */
package jp.coordination.query.security;
