/**
 * The Spring-side plumbing both services share: security, problem+json answers and correlation ids.
 */
package jp.coordination.platform;
