/** The two ways an aggregate refuses a command: a broken rule, or a value only it can judge. */
package jp.coordination.command.rules;
