/** How many requests a service works on at once, and the fast, honest refusal of the rest. */
package jp.coordination.platform.admission;
