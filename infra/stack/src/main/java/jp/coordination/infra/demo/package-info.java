/**
 * A deterministic demo fiscal year (FY2024, Sendai) sent through the command API, and what it sent.
 */
package jp.coordination.infra.demo;
