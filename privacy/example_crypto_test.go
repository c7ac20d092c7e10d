package privacy_test

import (
	"errors"
	"fmt"

	"github.com/clientele-go/clientele/privacy"
)

func ExampleNewKeyring() {
	// Keys come from a secret store; these fixed bytes are for the example.
	old, next := make([]byte, 32), make([]byte, 32)
	next[0] = 1
	ring, err := privacy.NewKeyring("2026-02", map[string][]byte{"2026-01": old, "2026-02": next})
	if err != nil {
		fmt.Println(err)
		return
	}
	ad := []byte("customer/C001/phone") // binds the ciphertext to its record and field
	c, _ := ring.Encrypt([]byte("13812345678"), ad)
	id, _ := privacy.CiphertextKeyID(c)
	plain, _ := ring.Decrypt(c, ad)
	_, err = ring.Decrypt(c, []byte("customer/C002/phone"))
	fmt.Println(id, string(plain), errors.Is(err, privacy.ErrTampered))
	fmt.Println(ring) // never the keys
	// Output:
	// 2026-02 13812345678 true
	// privacy.Keyring{active: 2026-02, keys: [2026-01 2026-02]}
}

func ExampleBlindIndex() {
	key := make([]byte, 32)
	idx, _ := privacy.NewBlindIndex(key, privacy.NormalizePhone)
	// Different spellings of one number share an index entry.
	fmt.Println(idx.Sum("+86 138-1234-5678") == idx.Sum("13812345678"))
	// Output: true
}

func ExamplePseudonymizer() {
	pz, _ := privacy.NewPseudonymizer(make([]byte, 32))
	a1 := pz.Pseudonym("acme", "C001")
	a2 := pz.Pseudonym("acme", "C001")
	g := pz.Pseudonym("globex", "C001")
	fmt.Println(a1 == a2, a1 == g, len(a1))
	// Output: true false 32
}

func ExampleReencrypt() {
	k1, k2 := make([]byte, 32), make([]byte, 32)
	k2[0] = 2
	before, _ := privacy.NewKeyring("k1", map[string][]byte{"k1": k1})
	c, _ := before.Encrypt([]byte("zhangsan@example.com"), []byte("C001/email"))

	// Rotation: k2 becomes active, k1 stays for reading until all values
	// are re-encrypted.
	after, _ := privacy.NewKeyring("k2", map[string][]byte{"k1": k1, "k2": k2})
	c2, _ := privacy.Reencrypt(after, after, c, []byte("C001/email"))
	id, _ := privacy.CiphertextKeyID(c2)
	plain, _ := after.Decrypt(c2, []byte("C001/email"))
	fmt.Println(id, string(plain))
	// Output: k2 zhangsan@example.com
}

func ExampleNormalizePhone() {
	for _, s := range []string{"+86 138-1234-5678", "0086 13812345678", "(010) 1234 5678"} {
		fmt.Println(privacy.NormalizePhone(s))
	}
	// Output:
	// 13812345678
	// 13812345678
	// 01012345678
}
