/** The configured region as a bean, and the validation that a ward or area belongs to it. */
package jp.coordination.command.region;
