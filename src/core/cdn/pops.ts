/**
 * IATA airport codes that CDNs use to name their edge locations (Cloudflare cf-ray suffixes, CloudFront
 * x-amz-cf-pop prefixes, Fastly x-served-by suffixes, Vercel region ids), mapped to the city they serve.
 * Source: IATA location codes as published in the providers' PoP lists
 * (https://www.cloudflarestatus.com/, https://aws.amazon.com/cloudfront/features/ "Global edge network",
 * https://www.fastly.com/network-map/, https://vercel.com/docs/edge-network/regions).
 * Format: "CODE City" entries separated by ';' (compact: parsed once at load).
 */
const AIRPORTS =
  // Europe
  'AMS Amsterdam;ARN Stockholm;ATH Athens;BCN Barcelona;BEG Belgrade;BER Berlin;BRU Brussels;BTS Bratislava;' +
  'BUD Budapest;CDG Paris;CPH Copenhagen;DUB Dublin;DUS Düsseldorf;EDI Edinburgh;FCO Rome;FRA Frankfurt;' +
  'GVA Geneva;HAM Hamburg;HEL Helsinki;IST Istanbul;KBP Kyiv;KIV Chișinău;LHR London;LGW London;LCY London;' +
  'LIS Lisbon;LUX Luxembourg;LYS Lyon;MAD Madrid;MAN Manchester;MRS Marseille;MXP Milan;LIN Milan;MUC Munich;' +
  'OSL Oslo;OTP Bucharest;PMO Palermo;PRG Prague;RIX Riga;SOF Sofia;STR Stuttgart;SKG Thessaloniki;TLL Tallinn;' +
  'TXL Berlin;VIE Vienna;VNO Vilnius;WAW Warsaw;ZAG Zagreb;ZRH Zurich;BMA Stockholm;LJU Ljubljana;SKP Skopje;' +
  'TIA Tirana;KEF Reykjavík;ORK Cork;BHX Birmingham;GLA Glasgow;LBA Leeds;NCL Newcastle;BOD Bordeaux;' +
  'NCE Nice;TLS Toulouse;LIL Lille;BIO Bilbao;VLC Valencia;AGP Málaga;PMI Palma;OPO Porto;BGO Bergen;' +
  'GOT Gothenburg;AAL Aalborg;TRD Trondheim;TMP Tampere;KRK Kraków;WRO Wrocław;GDN Gdańsk;POZ Poznań;' +
  'BRQ Brno;TBS Tbilisi;EVN Yerevan;GYD Baku;MSQ Minsk;LED Saint Petersburg;DME Moscow;SVO Moscow;VKO Moscow;' +
  'KJA Krasnoyarsk;SVX Yekaterinburg;KZN Kazan;ODS Odesa;LWO Lviv;HRK Kharkiv;DNK Dnipro;SJJ Sarajevo;' +
  'TGD Podgorica;PRN Pristina;LCA Larnaca;MLA Valletta;HHN Frankfurt-Hahn;CGN Cologne;NUE Nuremberg;' +
  'LEJ Leipzig;HAJ Hanover;BRE Bremen;FMO Münster;TRN Turin;VCE Venice;BLQ Bologna;FLR Florence;NAP Naples;' +
  'CTA Catania;BRI Bari;EIN Eindhoven;RTM Rotterdam;LNZ Linz;GRZ Graz;BSL Basel;' +
  // North America
  'ATL Atlanta;BOS Boston;BNA Nashville;BUF Buffalo;BWI Baltimore;CHI Chicago;CLE Cleveland;CLT Charlotte;' +
  'CMH Columbus;DAL Dallas;DEN Denver;DFW Dallas;DTW Detroit;EWR Newark;HNL Honolulu;IAD Ashburn;IAH Houston;' +
  'IND Indianapolis;JAX Jacksonville;JFK New York;LAS Las Vegas;LAX Los Angeles;LGA New York;MCI Kansas City;' +
  'MCO Orlando;MEM Memphis;MIA Miami;MSP Minneapolis;OMA Omaha;ORD Chicago;PDX Portland;PHL Philadelphia;' +
  'PHX Phoenix;PIT Pittsburgh;RDU Raleigh;RIC Richmond;SAN San Diego;SAT San Antonio;SEA Seattle;SFO San Francisco;' +
  'SJC San Jose;SLC Salt Lake City;SMF Sacramento;STL St. Louis;TPA Tampa;ABQ Albuquerque;ANC Anchorage;' +
  'AUS Austin;BDL Hartford;BOI Boise;BTR Baton Rouge;BUR Burbank;CHS Charleston;CVG Cincinnati;DCA Washington;' +
  'DSM Des Moines;ELP El Paso;FAT Fresno;FLL Fort Lauderdale;GSO Greensboro;GEG Spokane;HOU Houston;' +
  'LIT Little Rock;MKE Milwaukee;MSY New Orleans;OAK Oakland;OKC Oklahoma City;ONT Ontario (California);' +
  'ORF Norfolk;PVD Providence;RNO Reno;SDF Louisville;SJU San Juan;SNA Santa Ana;TUL Tulsa;TUS Tucson;' +
  'GUM Hagåtña;LGB Long Beach;PAO Palo Alto;NYC New York;WAS Washington;' +
  'YUL Montréal;YVR Vancouver;YYZ Toronto;YYC Calgary;YEG Edmonton;YOW Ottawa;YWG Winnipeg;YHZ Halifax;' +
  'YQB Québec City;YXE Saskatoon;' +
  'MEX Mexico City;GDL Guadalajara;MTY Monterrey;QRO Querétaro;CUN Cancún;TIJ Tijuana;' +
  // Central and South America, Caribbean
  'BOG Bogotá;MDE Medellín;CLO Cali;BAQ Barranquilla;EZE Buenos Aires;AEP Buenos Aires;COR Córdoba;' +
  'GRU São Paulo;GIG Rio de Janeiro;BSB Brasília;CNF Belo Horizonte;CWB Curitiba;POA Porto Alegre;' +
  'FOR Fortaleza;REC Recife;SSA Salvador;BEL Belém;MAO Manaus;FLN Florianópolis;GYN Goiânia;VCP Campinas;' +
  'SCL Santiago;LIM Lima;UIO Quito;GYE Guayaquil;ASU Asunción;MVD Montevideo;CCS Caracas;LPB La Paz;' +
  'VVI Santa Cruz de la Sierra;PTY Panama City;SJO San José;GUA Guatemala City;SAL San Salvador;' +
  'TGU Tegucigalpa;MGA Managua;SDQ Santo Domingo;PAP Port-au-Prince;KIN Kingston;POS Port of Spain;' +
  'CUR Willemstad;BGI Bridgetown;NAS Nassau;ARI Arica;' +
  // Asia
  'BKK Bangkok;BLR Bengaluru;BOM Mumbai;CAN Guangzhou;CCU Kolkata;CGK Jakarta;CKG Chongqing;' +
  'CMB Colombo;CTU Chengdu;DAC Dhaka;DEL New Delhi;HAN Hanoi;HKG Hong Kong;HND Tokyo;HYD Hyderabad;' +
  'ICN Seoul;GMP Seoul;KHI Karachi;KIX Osaka;ITM Osaka;KTM Kathmandu;KUL Kuala Lumpur;LHE Lahore;MAA Chennai;' +
  'MFM Macau;MNL Manila;NRT Tokyo;PEK Beijing;PKX Beijing;PVG Shanghai;SHA Shanghai;SGN Ho Chi Minh City;' +
  "SIN Singapore;SZX Shenzhen;TPE Taipei;TSA Taipei;ULN Ulaanbaatar;XIY Xi'an;WUH Wuhan;HGH Hangzhou;" +
  'NKG Nanjing;TAO Qingdao;TSN Tianjin;SHE Shenyang;DLC Dalian;XMN Xiamen;FOC Fuzhou;CSX Changsha;' +
  'KMG Kunming;NNG Nanning;HAK Haikou;CGO Zhengzhou;TNA Jinan;HFE Hefei;KHN Nanchang;TYN Taiyuan;' +
  'SJW Shijiazhuang;HRB Harbin;CGQ Changchun;URC Ürümqi;LHW Lanzhou;KWE Guiyang;FUK Fukuoka;CTS Sapporo;' +
  'NGO Nagoya;OKA Okinawa;PUS Busan;CEB Cebu;DVO Davao;DPS Denpasar;SUB Surabaya;KNO Medan;BWN Bandar Seri Begawan;' +
  'PNH Phnom Penh;RGN Yangon;VTE Vientiane;DAD Da Nang;PEN Penang;JHB Johor Bahru;CNX Chiang Mai;HKT Phuket;' +
  'AMD Ahmedabad;PNQ Pune;COK Kochi;NAG Nagpur;PAT Patna;BBI Bhubaneswar;IXC Chandigarh;JAI Jaipur;' +
  'LKO Lucknow;GAU Guwahati;ISB Islamabad;MLE Malé;PBH Paro;' +
  'ALA Almaty;NQZ Astana;TAS Tashkent;FRU Bishkek;DYU Dushanbe;ASB Ashgabat;' +
  // Middle East
  'AMM Amman;AUH Abu Dhabi;BAH Manama;BGW Baghdad;BEY Beirut;DMM Dammam;DOH Doha;DXB Dubai;JED Jeddah;' +
  'KWI Kuwait City;MCT Muscat;RUH Riyadh;TLV Tel Aviv;IKA Tehran;THR Tehran;EBL Erbil;BSR Basra;ISU Sulaymaniyah;' +
  'NJF Najaf;HFA Haifa;ZDM Ramallah;GZA Gaza;ESB Ankara;ADB İzmir;SAW Istanbul;' +
  // Africa
  'ACC Accra;ADD Addis Ababa;ALG Algiers;CAI Cairo;CMN Casablanca;RBA Rabat;CPT Cape Town;DAR Dar es Salaam;' +
  'DKR Dakar;DUR Durban;JNB Johannesburg;KGL Kigali;LAD Luanda;LOS Lagos;ABV Abuja;MBA Mombasa;MPM Maputo;' +
  'MRU Port Louis;NBO Nairobi;TUN Tunis;EBB Kampala;LUN Lusaka;HRE Harare;GBE Gaborone;WDH Windhoek;' +
  "OUA Ouagadougou;ABJ Abidjan;COO Cotonou;LFW Lomé;FIH Kinshasa;DLA Douala;NDJ N'Djamena;KRT Khartoum;" +
  'JIB Djibouti;TNR Antananarivo;RUN Saint-Denis (Réunion);ASK Yamoussoukro;BJM Bujumbura;FNA Freetown;' +
  'ROB Monrovia;BKO Bamako;NKC Nouakchott;ORN Oran;TIP Tripoli;' +
  // Oceania
  'ADL Adelaide;AKL Auckland;BNE Brisbane;CBR Canberra;CHC Christchurch;HBA Hobart;MEL Melbourne;PER Perth;' +
  'SYD Sydney;WLG Wellington;NOU Nouméa;PPT Papeete;SUV Suva;NAN Nadi;POM Port Moresby;DRW Darwin;' +
  'OOL Gold Coast;CNS Cairns;TSV Townsville';

const CITY_BY_CODE: ReadonlyMap<string, string> = new Map(
  AIRPORTS.split(';').map((entry) => {
    const space = entry.indexOf(' ');
    return [entry.slice(0, space), entry.slice(space + 1)] as [string, string];
  }),
);

/** Number of airport codes known. */
export const KNOWN_AIRPORTS = CITY_BY_CODE.size;

/**
 * The city behind a PoP token, when the token starts with a three-letter IATA code the way providers write them:
 * "FRA", "IAD89-C3", "hkg1", "cache-fra-eddf8230045-FRA" is not a pop token (pass "FRA"). Null otherwise.
 */
export function cityForPop(pop: string | null | undefined): string | null {
  if (!pop || typeof pop !== 'string' || pop.length > 64) return null;
  // /^([A-Za-z]{3})(?:$|[0-9-])/ and the code upper-cased, read by character: no match or code string is made.
  const a = letterIndex(pop.charCodeAt(0));
  const b = letterIndex(pop.charCodeAt(1));
  const c = letterIndex(pop.charCodeAt(2));
  if (a < 0 || b < 0 || c < 0) return null;
  if (pop.length > 3) {
    const next = pop.charCodeAt(3);
    if (next !== 45 /* - */ && (next < 48 || next > 57)) return null;
  }
  return CITY_BY_INDEX[(a * 26 + b) * 26 + c] ?? null;
}

/** 0-25 for A-Z or a-z, else -1 (NaN past the end of the string is not a letter either). */
function letterIndex(code: number): number {
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 97;
  return -1;
}

/** CITY_BY_CODE by the code's letters as a number, (A * 26 + B) * 26 + C; codes other than three letters A-Z never match. */
const CITY_BY_INDEX: ReadonlyArray<string | undefined> = (() => {
  const out = new Array<string | undefined>(26 * 26 * 26).fill(undefined);
  for (const [code, city] of CITY_BY_CODE) {
    if (!/^[A-Z]{3}$/.test(code)) continue;
    out[((code.charCodeAt(0) - 65) * 26 + code.charCodeAt(1) - 65) * 26 + code.charCodeAt(2) - 65] = city;
  }
  return out;
})();
