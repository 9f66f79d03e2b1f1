/**
 * Where scenario money goes: merchants as they appear on a US bank statement, with Plaid's
 * personal finance category (PFC v2 taxonomy), channel and a plausible amount range in cents.
 */
import type { GeneratedTransaction } from './types';

export interface Merchant {
  name: string; // statement descriptor
  merchant_name: string;
  pfc: [primary: string, detailed: string];
  channel: GeneratedTransaction['payment_channel'];
  min: number; // cents
  max: number; // cents
}

const m = (name: string, merchant_name: string, pfc: [string, string], channel: Merchant['channel'], min: number, max: number): Merchant => ({
  name,
  merchant_name,
  pfc,
  channel,
  min,
  max,
});

export const GROCERIES = [
  m('SAFEWAY #1634', 'Safeway', ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_GROCERIES'], 'in store', 2200, 14800),
  m("TRADER JOE'S #552", "Trader Joe's", ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_GROCERIES'], 'in store', 1800, 9600),
  m('KROGER #0421', 'Kroger', ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_GROCERIES'], 'in store', 2500, 13200),
  m('ALDI 74011', 'Aldi', ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_GROCERIES'], 'in store', 1500, 8200),
];

export const DINING = [
  m('STARBUCKS STORE 09712', 'Starbucks', ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_COFFEE'], 'in store', 395, 925),
  m('CHIPOTLE 2291', 'Chipotle', ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_FAST_FOOD'], 'in store', 1050, 1890),
  m("MCDONALD'S F4471", "McDonald's", ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_FAST_FOOD'], 'in store', 620, 1480),
  m('DD *DOORDASH TACOBELL', 'DoorDash', ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_RESTAURANT'], 'online', 1850, 4600),
  m('SQ *BLUE BOTTLE COFFEE', 'Blue Bottle Coffee', ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_COFFEE'], 'in store', 450, 1150),
];

export const FUEL = [
  m('SHELL OIL 57442181', 'Shell', ['TRANSPORTATION', 'TRANSPORTATION_GAS'], 'in store', 2800, 6500),
  m('CHEVRON 0091443', 'Chevron', ['TRANSPORTATION', 'TRANSPORTATION_GAS'], 'in store', 3000, 6800),
];

export const RIDES = [
  m('UBER *TRIP HELP.UBER.COM', 'Uber', ['TRANSPORTATION', 'TRANSPORTATION_TAXIS_AND_RIDE_SHARES'], 'online', 900, 3400),
  m('LYFT *RIDE SUN 4PM', 'Lyft', ['TRANSPORTATION', 'TRANSPORTATION_TAXIS_AND_RIDE_SHARES'], 'online', 850, 2900),
];

export const SHOPPING = [
  m('AMAZON.COM*2K4RT8', 'Amazon', ['GENERAL_MERCHANDISE', 'GENERAL_MERCHANDISE_ONLINE_MARKETPLACES'], 'online', 1199, 8999),
  m('TARGET 00018295', 'Target', ['GENERAL_MERCHANDISE', 'GENERAL_MERCHANDISE_SUPERSTORES'], 'in store', 1500, 11000),
  m('WALMART SUPERCENTER #2231', 'Walmart', ['GENERAL_MERCHANDISE', 'GENERAL_MERCHANDISE_SUPERSTORES'], 'in store', 1200, 9500),
  m('CVS/PHARMACY #08812', 'CVS', ['MEDICAL', 'MEDICAL_PHARMACIES_AND_SUPPLEMENTS'], 'in store', 650, 4200),
];

export const SPEND_MIX = [
  [GROCERIES, 3],
  [DINING, 4],
  [FUEL, 1.5],
  [RIDES, 1],
  [SHOPPING, 2],
] as const;

/** A fixed-amount (or ranged) monthly bill. */
export interface Bill extends Merchant {
  dayOfMonth: number;
}

export const bill = (dayOfMonth: number, merchant: Merchant): Bill => ({ ...merchant, dayOfMonth });

export const NETFLIX = m('NETFLIX.COM', 'Netflix', ['ENTERTAINMENT', 'ENTERTAINMENT_TV_AND_MOVIES'], 'online', 1549, 1549);
export const SPOTIFY = m('SPOTIFY USA', 'Spotify', ['ENTERTAINMENT', 'ENTERTAINMENT_MUSIC_AND_AUDIO'], 'online', 1199, 1199);
export const GYM = m('PLANET FITNESS CLUB FEES', 'Planet Fitness', ['PERSONAL_CARE', 'PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS'], 'online', 2499, 2499);
export const POWER = m('PG&E WEB ONLINE', 'Pacific Gas and Electric', ['RENT_AND_UTILITIES', 'RENT_AND_UTILITIES_GAS_AND_ELECTRICITY'], 'online', 5800, 14200);
export const PHONE = m('T-MOBILE PCS SVC', 'T-Mobile', ['RENT_AND_UTILITIES', 'RENT_AND_UTILITIES_TELEPHONE'], 'online', 6500, 8500);
export const INTERNET = m('COMCAST XFINITY', 'Comcast', ['RENT_AND_UTILITIES', 'RENT_AND_UTILITIES_INTERNET_AND_CABLE'], 'online', 7000, 8000);
export const CAR_INSURANCE = m('GEICO *AUTO', 'GEICO', ['GENERAL_SERVICES', 'GENERAL_SERVICES_INSURANCE'], 'online', 12400, 12400);
export const CAR_LOAN = m('ALLY AUTO PAYMENT', 'Ally', ['LOAN_PAYMENTS', 'LOAN_PAYMENTS_CAR_PAYMENT'], 'online', 28900, 28900);

export const rent = (landlord: string, cents: number): Merchant =>
  m(`${landlord.toUpperCase()} RENT WEB PMT`, landlord, ['RENT_AND_UTILITIES', 'RENT_AND_UTILITIES_RENT'], 'online', cents, cents);

/** Bank-side entries. */
export const OVERDRAFT_FEE = m('OVERDRAFT ITEM FEE', 'Overdraft fee', ['BANK_FEES', 'BANK_FEES_OVERDRAFT_FEES'], 'other', 3500, 3500);
export const MAINTENANCE_FEE = m('MONTHLY MAINTENANCE FEE', 'Monthly maintenance fee', ['BANK_FEES', 'BANK_FEES_OTHER_BANK_FEES'], 'other', 1200, 1200);
export const ATM_WITHDRAWAL = m('ATM WITHDRAWAL 7-ELEVEN 2281', '7-Eleven', ['TRANSFER_OUT', 'TRANSFER_OUT_WITHDRAWAL'], 'in store', 2000, 10000);
export const ATM_FEE = m('NON-NETWORK ATM FEE', 'ATM fee', ['BANK_FEES', 'BANK_FEES_ATM_FEES'], 'other', 350, 350);
export const VENMO_OUT = m('VENMO PAYMENT 1029384756', 'Venmo', ['TRANSFER_OUT', 'TRANSFER_OUT_ACCOUNT_TRANSFER'], 'online', 1500, 6000);
export const BNPL = m('AFTERPAY PAYMENT', 'Afterpay', ['LOAN_PAYMENTS', 'LOAN_PAYMENTS_OTHER_PAYMENT'], 'online', 3125, 3125);
