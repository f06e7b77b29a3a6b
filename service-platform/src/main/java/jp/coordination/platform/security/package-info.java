/**
 * Who the caller is and what the caller may do: roles, ward scope, identity sources and the
 * security chain.
 */
package jp.coordination.platform.security;
