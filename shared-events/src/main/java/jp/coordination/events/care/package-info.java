/** Codes about the care a person needs, shared by households, intakes and facility matching. */
package jp.coordination.events.care;
