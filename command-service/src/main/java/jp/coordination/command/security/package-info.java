/**
 * Who may issue which command: the command API's role rules, built with the platform's security
 * chain.
 */
package jp.coordination.command.security;
