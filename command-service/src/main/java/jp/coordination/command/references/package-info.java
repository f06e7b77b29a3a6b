/**
 * Checks of the records a command names of another feature (the household of an intake or a
 * co-support case): that they exist and lie within the user's wards, asked of the store before the
 * command is sent.
 */
package jp.coordination.command.references;
