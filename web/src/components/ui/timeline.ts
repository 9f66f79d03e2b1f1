/** The shared timeline list style (console: attempts, staff actions, evaluations, events). */
import styles from './timeline.module.css';

export const timeline = styles.timeline;
