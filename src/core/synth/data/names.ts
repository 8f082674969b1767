/** Given names and surnames for synthetic people (common, culturally mixed). */

export const GIVEN_NAMES: readonly string[] = [
  'Adele', 'Alex', 'Allan', 'Amara', 'Ana', 'Andre', 'Anita', 'Arjun', 'Ben', 'Bianca', 'Carlos', 'Chen', 'Chloe',
  'Christie', 'Daniel', 'Debra', 'Diego', 'Elena', 'Emily', 'Emma', 'Enrico', 'Fatima', 'Felix', 'Grace', 'Grady',
  'Hana', 'Henrietta', 'Hiro', 'Ines', 'Irvin', 'Isaiah', 'Jakob', 'Johanna', 'Joni', 'Jordan', 'Kai', 'Karim',
  'Laura', 'Lee', 'Lena', 'Lidia', 'Lynne', 'Malik', 'Maria', 'Megan', 'Miriam', 'Nadia', 'Nestor', 'Nia', 'Noah',
  'Olga', 'Omar', 'Patti', 'Pedro', 'Priya', 'Quinn', 'Rafael', 'Raul', 'Rosa', 'Sakura', 'Sam', 'Sara', 'Sofia',
  'Tariq', 'Theo', 'Tomas', 'Uma', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zoe',
];

export const SURNAMES: readonly string[] = [
  'Adams', 'Ahmed', 'Alvarez', 'Bauer', 'Becker', 'Brooks', 'Carter', 'Chen', 'Costa', 'Dubois', 'Evans', 'Fischer',
  'Garcia', 'Gomez', 'Gupta', 'Hansen', 'Haddad', 'Ito', 'Jensen', 'Johnson', 'Kim', 'Kowalski', 'Larsen', 'Lopez',
  'Martin', 'Meyer', 'Moreau', 'Morris', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Perez',
  'Petrov', 'Quinn', 'Reyes', 'Rossi', 'Sato', 'Schmidt', 'Silva', 'Singh', 'Smith', 'Sousa', 'Tanaka', 'Taylor',
  'Thompson', 'Varga', 'Vance', 'Wagner', 'Walker', 'Wang', 'Weber', 'Wilber', 'Williams', 'Young', 'Zhang',
];

/** Fictitious tenant names (Microsoft's documentation companies). */
export const TENANT_NAMES: readonly string[] = [
  'contoso', 'fabrikam', 'northwind', 'adatum', 'tailspin', 'woodgrove', 'litware', 'proseware', 'wingtip', 'fourthcoffee',
];
