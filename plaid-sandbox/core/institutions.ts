/** Plaid's Sandbox institutions (non-OAuth and OAuth test banks); any other id is INVALID_INSTITUTION. */
export const SANDBOX_INSTITUTIONS: Record<string, string> = {
  ins_109508: 'First Platypus Bank',
  ins_109509: 'First Gingham Credit Union',
  ins_109510: 'Tattersall Federal Credit Union',
  ins_109511: 'Tartan Bank',
  ins_109512: 'Houndstooth Bank',
  ins_127287: 'Platypus OAuth Bank',
  ins_132241: 'First Platypus OAuth App2App Bank',
  ins_135858: 'Windowpane Bank',
};

export const DEFAULT_INSTITUTION = 'ins_109508';
