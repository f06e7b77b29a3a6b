/** Events of emergency intakes (緊急受入れ). */
package jp.coordination.events.intake;
