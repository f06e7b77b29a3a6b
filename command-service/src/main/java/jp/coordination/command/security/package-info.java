/** Who may issue which command: HTTP Basic demo users, roles, ward scope and problem+json refusals. */
package jp.coordination.command.security;
