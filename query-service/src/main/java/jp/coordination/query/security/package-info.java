/** Who may read what: the query API's role rules, built with the platform's security chain. */
package jp.coordination.query.security;
