/** Shared table styles for the console's lists (one look for every list). */
import styles from './table.module.css';

export const table = styles;
